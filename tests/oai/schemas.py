"""Validation of OAI-PMH responses against the vendored schemas (see xsd/SOURCES.md).

``validate(body)`` checks one response as a harvester would: the OAI-PMH envelope against
OAI-PMH.xsd (with the metadata inside checked strictly: oai_dc against oai_dc.xsd), and for
nl_didl each DIDL by the national harvester's rules (``check_nl_didl``) and the MODS inside it
against MODS 3.4 with the HBO extension. The DIDL and DII schemas themselves are not available
(SOURCES.md): the DIDL element is validated by those two checks, and in the envelope it stands
in for itself only when didmodel.xsd is present."""

from functools import cache
from pathlib import Path

from lxml import etree

from publicaties.oai.formats import DIDL, DII, HBO, MODS, OAI, OAI_DC, check_nl_didl

XSD = Path(__file__).parent / "xsd"
IMPORTS = {
    OAI: "OAI-PMH.xsd",
    OAI_DC: "oai_dc.xsd",
    MODS: "mods-3-4.xsd",
    HBO: "hboMODSextension.xsd",
    DIDL: "didmodel.xsd",
    DII: "dii.xsd",
}


@cache
def schema():
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{name}"/>'
        for namespace, name in IMPORTS.items()
        if (XSD / name).exists()
    )
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper, base_url=str(XSD / "all.xsd")))


def have_didl_schema():
    return (XSD / IMPORTS[DIDL]).exists()


def _assert_valid(tree, what):
    if not schema().validate(tree):
        errors = "\n".join(str(error) for error in schema().error_log)
        raise AssertionError(f"{what} does not validate:\n{errors}")


def validate(body: bytes):
    """The parsed response, after every check above; an AssertionError says what is wrong."""
    document = etree.fromstring(body)
    assert document.tag == f"{{{OAI}}}OAI-PMH", document.tag
    envelope = etree.fromstring(body)
    for didl in list(envelope.iter(f"{{{DIDL}}}DIDL")):
        check_nl_didl(didl)
        records = list(didl.iter(f"{{{MODS}}}mods"))
        assert len(records) == 1
        _assert_valid(etree.ElementTree(etree.fromstring(etree.tostring(records[0]))), "MODS")
        if not have_didl_schema():
            # Strict processing needs a declaration for the DIDL root: without the DIDL schema
            # an (empty, valid) oai_dc container holds its place in the envelope.
            didl.getparent().replace(didl, etree.Element(f"{{{OAI_DC}}}dc"))
    _assert_valid(envelope, "OAI-PMH response")
    return document


NS = {"oai": OAI, "oai_dc": OAI_DC, "dc": "http://purl.org/dc/elements/1.1/", "didl": DIDL,
      "dii": DII, "mods": MODS, "hbo": HBO}  # fmt: skip


def xpath(node, path):
    return node.xpath(path, namespaces=NS)


def error_codes(document):
    return [element.get("code") for element in xpath(document, "/oai:OAI-PMH/oai:error")]
