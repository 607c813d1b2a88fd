"""The consent a subscriber gives, word for word. Each ``Inschrijving`` stores the text and its
version as they were shown, so what someone agreed to can always be shown again. Change the
text only together with a higher version."""

TOESTEMMING_VERSIE = 1
TOESTEMMING_TEKST = (
    "Ja, stuur de nieuwsbrief van de werkplaats naar dit e-mailadres. De werkplaats bewaart "
    "daarvoor je e-mailadres en wat je verder invult, tot je laat weten dat je hem niet meer "
    "wilt. Dat kan altijd, met één klik onderaan elke nieuwsbrief."
)
