from django.http import JsonResponse
from django.views.generic import TemplateView

from leerateliers.matrix import werkgebied

from .forms import NetwerkFilterForm
from .graph import Kind, Link, build_graph, leerateliers_for_graph, per_gemeente


class NetwerkView(TemplateView):
    template_name = "netwerk/netwerk.html"

    def get_context_data(self, **kwargs):
        form = NetwerkFilterForm(self.request.GET or None)
        leerateliers = leerateliers_for_graph()
        graph = build_graph(leerateliers)
        return super().get_context_data(
            form=form,
            graph=graph.hide_unless(**form.filters()),
            kinds=Kind,
            links=Link,
            per_gemeente=per_gemeente(leerateliers, werkgebied().only("slug", "naam")),
            **kwargs,
        )


def netwerk_json(request):
    """The graph with its layout, for scripts and other sites; filters as on /netwerk/."""
    form = NetwerkFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    graph = build_graph().filtered(**form.filters())
    return JsonResponse(graph.as_json(), json_dumps_params={"ensure_ascii": False})
