"""The consent a visitor gives with a reaction, word for word. Each ``Reactie`` stores the text
and its version as they were shown, with the version of the privacyverklaring in force, so what
someone agreed to can always be shown again. Change the text only together with a higher
version."""

TOESTEMMING_VERSIE = 2
TOESTEMMING_TEKST = (
    "Ja, stuur mijn bericht door. De werkplaats bewaart daarvoor je naam, je e-mailadres en wat "
    "je verder invult, en stuurt het naar de trekkers van het leeratelier (of, als die er niet "
    "zijn, naar de werkplaats zelf), zodat zij contact met je kunnen opnemen. Een jaar nadat je "
    "bericht is afgehandeld, en in elk geval twee jaar nadat je het stuurde, wissen we het."
)
