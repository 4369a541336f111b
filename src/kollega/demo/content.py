"""The demo community, written by hand: two spaces, their plans, companies and people.

Everything here is fiction. E-mail addresses and websites use the reserved `.example`
top-level domain and links point to example.org, so nothing in the demo reaches a real
person. Organisation numbers and phone numbers are generated (see generator.py).

Profiles are written in the language each person would use: Norwegian (bokmål),
Danish, Swedish or English. Some complement each other across languages on purpose —
Ingrid needs "hjelp med regnskap", Signe offers "regnskab og bogføring", Ebba
"bokföring och bokslut" — so the directory's cognate search has something to show.
"""

# ruff: noqa: RUF001 - the texts are written with the en dashes Nordic typography uses.
from __future__ import annotations

from dataclasses import dataclass, field

from kollega.companies.models import Industry, Stage
from kollega.memberships.models import PlanKind

DEMO_OPERATOR_NAME = "Kollega Demo Drift AS"
DEMO_EMAIL_SUFFIX = ".example"
DEMO_PASSWORD = "kollega-demo"  # noqa: S105 - printed by `kollega demo`; demo-only


@dataclass(frozen=True)
class PlanSpec:
    key: str
    name: str
    kind: str
    price: str
    seats: int = 1
    room_hours: int = 0
    description: str = ""
    retired: bool = False


@dataclass(frozen=True)
class SpaceSpec:
    slug: str
    name: str
    address: str
    currency: str
    languages: tuple[str, ...]
    theme: str
    house_values: str
    max_seats_per_company: int | None
    plans: tuple[PlanSpec, ...]
    time_zone: str = "Europe/Oslo"


@dataclass(frozen=True)
class AccountSpec:
    """A sign-in account printed by the demo command (staff and operator)."""

    key: str
    full_name: str
    email: str
    language: str
    title: str = ""


@dataclass(frozen=True)
class CompanySpec:
    key: str
    space: str
    name: str
    domain: str
    industry: str
    stage: str
    employees: int
    plan: str
    months_ago: int
    seats: int | None = None
    description: str = ""


@dataclass(frozen=True)
class PersonSpec:
    name: str
    space: str
    lang: str  # the language the profile is written in (and preferred UI language)
    company: str | None = None
    email: str = ""  # derived from the name and company domain when empty
    contact: bool = False
    speaks: tuple[str, ...] = ()
    headline: str = ""
    bio: str = ""
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    presence: tuple[str, ...] | None = None  # None: chosen from the seed
    visibility: dict[str, str] = field(default_factory=dict)
    links: tuple[str, ...] = ()
    phone: bool = True
    plan: str | None = None  # an individual membership (people without a company)
    months_ago: int = 0  # individual membership start; negative: starts in the future


@dataclass(frozen=True)
class HistorySpec:
    """Something that happened to a membership after it started."""

    holder: str  # a company key or a person's name
    kind: str  # "plan", "seats", "notice", "leave"
    days_ago: int
    plan: str = ""
    seats: int | None = None


@dataclass(frozen=True)
class InvitationSpec:
    space: str
    email: str
    full_name: str
    days_ago: int
    company: str | None = None


# --- spaces and plans ---------------------------------------------------------------------

SMARTBY = "smartby-hub"
FJELLGARDEN = "fjellgarden"

SPACES: tuple[SpaceSpec, ...] = (
    SpaceSpec(
        slug=SMARTBY,
        name="Smartby Hub",
        address="Kanalgata 5, 0150 Oslo",
        currency="NOK",
        languages=("nb", "en", "sv", "da"),
        theme=(
            "Smarte og bærekraftige byer: bymobilitet, energi, bygg og data. Vi samler "
            "gründere, etablerte selskaper, forskere og kommunen under samme tak, slik at "
            "løsningene for framtidas by kan testes på ekte.\n\n"
            "Smart and sustainable cities: urban mobility, energy, buildings and data — "
            "start-ups, established firms, researchers and the city under one roof."
        ),
        house_values=(
            "Du får det du gir. Del det du kan, spør om det du trenger, og si ja når noen "
            "ber om en halvtime av tiden din. Ingenting serveres på sølvfat: samarbeidene "
            "starter ved kaffemaskinen, på torsdagsbaren og på frokostpraten, så kom når du "
            "kan. Alle arrangementer i det store møterommet er åpne for alle medlemmer. "
            "Flex betyr ren pult: rydd etter deg før du går. Ta lange samtaler i "
            "telefonboksene.\n\n"
            "You get what you give. Share what you know, ask for what you need, and say yes "
            "when someone asks for half an hour of your time. Nothing is served on a silver "
            "platter: collaborations start at the coffee machine, the Thursday bar and the "
            "breakfast talks. Every event in the big meeting room is open to all members. "
            "Flex means clean desk: clear it when you leave."
        ),
        max_seats_per_company=15,
        plans=(
            PlanSpec(
                "office-8",
                "Privat kontor, 8 plasser",
                PlanKind.PRIVATE_OFFICE,
                "46000",
                seats=8,
                room_hours=20,
                description="Eget kontor med dør som kan låses, 8 arbeidsplasser.",
            ),
            PlanSpec(
                "office-4",
                "Privat kontor, 4 plasser",
                PlanKind.PRIVATE_OFFICE,
                "24500",
                seats=4,
                room_hours=10,
                description="Eget kontor for små team, 4 arbeidsplasser.",
            ),
            PlanSpec(
                "fixed",
                "Fast plass",
                PlanKind.FIXED_DESK,
                "5400",
                room_hours=4,
                description="Din egen pult i det åpne landskapet, med skuff og skjerm.",
            ),
            PlanSpec(
                "flex",
                "Flex (ren pult)",
                PlanKind.FLEX,
                "3700",
                room_hours=2,
                description="Ta en ledig pult i flexsonen og rydd den før du går.",
            ),
            PlanSpec(
                "community",
                "Community-medlemskap",
                PlanKind.COMMUNITY,
                "1250",
                room_hours=2,
                description="Møterom og arrangementer, ingen pult. For deg som "
                "vil være med i fellesskapet uten å sitte her hver dag.",
            ),
            PlanSpec(
                "fixed-opening",
                "Fast plass (åpningstilbud)",
                PlanKind.FIXED_DESK,
                "4300",
                room_hours=4,
                retired=True,
                description="Åpningstilbudet fra det første året. Ikke lenger til salgs.",
            ),
        ),
    ),
    SpaceSpec(
        slug=FJELLGARDEN,
        name="Fjellgarden Kontorfellesskap",
        address="Gamlemeieriet, Meierivegen 4, 2900 Fagernes",
        currency="NOK",
        languages=("nb", "en"),
        theme=(
            "Et kontorfellesskap i bygda: jobb der du bor, og få kolleger på kjøpet. "
            "Fjellgarden eies av brukerne og kommunen sammen.\n\n"
            "A village coworking space in the mountains: work where you live, with "
            "colleagues included. Owned by its members and the municipality together."
        ),
        house_values=(
            "Fjellgarden er vårt felles kontor. Vi vasker kaffekoppen vår, tar en tur på "
            "dugnad om våren og spiser lunsj sammen klokka halv tolv. Det er lov å ta med "
            "hunden, så lenge den er snill. Nye medlemmer får en omvisning og en prat om "
            "hvordan vi har det her før de flytter inn.\n\n"
            "Fjellgarden is our shared office: wash your cup, join the spring clean-up, and "
            "have lunch with us at half past eleven. New members get a tour and a chat "
            "about how we do things before they move in."
        ),
        max_seats_per_company=None,
        plans=(
            PlanSpec(
                "office",
                "Eget kontor, 2 plasser",
                PlanKind.PRIVATE_OFFICE,
                "4900",
                seats=2,
                room_hours=6,
            ),
            PlanSpec("fixed", "Fast kontorplass", PlanKind.FIXED_DESK, "2400", room_hours=4),
            PlanSpec("flex", "Flex", PlanKind.FLEX, "1500", room_hours=2),
            PlanSpec(
                "community",
                "Bygdepass (møterom og arrangementer)",
                PlanKind.COMMUNITY,
                "450",
                room_hours=2,
            ),
        ),
    ),
)

OPERATOR_ADMIN = AccountSpec(
    key="operator",
    full_name="Jonas Brekke",
    email="admin@kollega-demo.example",
    language="en",
    title="Operator admin",
)
SPACE_MANAGERS: dict[str, AccountSpec] = {
    SMARTBY: AccountSpec(
        key="cm",
        full_name="Camilla Strand",
        email="cm@smartby.example",
        language="nb",
        title="Community manager",
    ),
    FJELLGARDEN: AccountSpec(
        key="cm-fjellgarden",
        full_name="Kristin Rudi",
        email="kristin@fjellgarden.example",
        language="nb",
        title="Dagleg leiar / community manager",
    ),
}
# The member account the demo prints: she needs help with accounting.
DEMO_MEMBER_NAME = "Ingrid Haugen"

# --- companies ----------------------------------------------------------------------------

COMPANIES: tuple[CompanySpec, ...] = (
    # Smartby Hub
    CompanySpec(
        "bylogikk",
        SMARTBY,
        "Bylogikk Rådgivning AS",
        "bylogikk.example",
        Industry.CONSULTING,
        Stage.ESTABLISHED,
        25,
        "fixed",
        27,
        seats=25,
        description="Rådgivende ingeniører i trafikk, byplan og mobilitet. 25 ansatte "
        "som jobber for kommuner og fylkeskommuner over hele landet.",
    ),
    CompanySpec(
        "fjordlys",
        SMARTBY,
        "Fjordlys Energi AS",
        "fjordlys.example",
        Industry.ENERGY,
        Stage.SCALEUP,
        12,
        "fixed",
        22,
        seats=6,
        description="Styring av varme, ventilasjon og lading som kutter energibruken "
        "i næringsbygg med 20–30 prosent.",
    ),
    CompanySpec(
        "trakk",
        SMARTBY,
        "Tråkk Mobility AS",
        "trakk.example",
        Industry.MOBILITY,
        Stage.STARTUP,
        4,
        "office-4",
        10,
        description="Varelevering med elektriske lastesykler i Oslo sentrum.",
    ),
    CompanySpec(
        "datavev",
        SMARTBY,
        "Datavev AS",
        "datavev.example",
        Industry.SOFTWARE,
        Stage.STARTUP,
        6,
        "flex",
        15,
        seats=3,
        description="En digital tvilling av byen: sensordata om trafikk, luft og støy "
        "i ett kart for planleggere.",
    ),
    CompanySpec(
        "ombruk",
        SMARTBY,
        "Ombruk Bygg AS",
        "ombrukbygg.example",
        Industry.CONSTRUCTION,
        Stage.STARTUP,
        3,
        "fixed",
        30,
        seats=3,
        description="Vi kartlegger bygg før riving og selger materialene videre.",
    ),
    CompanySpec(
        "stadsljus",
        SMARTBY,
        "Stadsljus AB, filial Norge",
        "stadsljus.example",
        Industry.ENERGY,
        Stage.REMOTE_TEAM,
        40,
        "flex",
        7,
        seats=3,
        description="Svensk företag som gör gatubelysning som dimrar efter behov och "
        "mäter trafik och luft. Norgeteamet sitter på Smartby Hub.",
    ),
    CompanySpec(
        "liikku",
        SMARTBY,
        "Liikku Oy",
        "liikku.example",
        Industry.MOBILITY,
        Stage.REMOTE_TEAM,
        30,
        "flex",
        5,
        seats=3,
        description="Finnish mobility-as-a-service company: public transport, city "
        "bikes and car sharing in one app. Norway team at Smartby Hub.",
    ),
    CompanySpec(
        "innovasjon",
        SMARTBY,
        "Byutviklingsetaten – Innovasjonsenheten",
        "byutvikling.example",
        Industry.PUBLIC,
        Stage.PUBLIC_SECTOR,
        3,
        "flex",
        12,
        seats=3,
        description="Kommunens enhet for innovative anskaffelser og pilotprosjekter.",
    ),
    CompanySpec(
        "sbu",
        SMARTBY,
        "Senter for smarte og bærekraftige byer",
        "sbu.example",
        Industry.EDUCATION,
        Stage.ACADEMIA,
        15,
        "flex",
        18,
        seats=3,
        description="Forskningssenter for byutvikling, mobilitet og energi i bygg.",
    ),
    CompanySpec(
        "ladeklar",
        SMARTBY,
        "Ladeklar AS",
        "ladeklar.example",
        Industry.ENERGY,
        Stage.SCALEUP,
        10,
        "office-8",
        20,
        description="Ladeanlegg for elbil i borettslag og sameier, fra befaring til drift.",
    ),
    CompanySpec(
        "restemat",
        SMARTBY,
        "Restemat AS",
        "restemat.example",
        Industry.FOOD,
        Stage.STARTUP,
        3,
        "flex",
        9,
        seats=2,
        description="Appen der butikker og kafeer selger overskuddsmat før stengetid.",
    ),
    CompanySpec(
        "luftlinje",
        SMARTBY,
        "Luftlinje AS",
        "luftlinje.example",
        Industry.HARDWARE,
        Stage.STARTUP,
        3,
        "fixed",
        6,
        seats=3,
        description="Rimelige sensorer for svevestøv og NO2 på lyktestolper og skoler.",
    ),
    CompanySpec(
        "kjaergaard",
        SMARTBY,
        "Kjærgaard Regnskab",
        "kjaergaard.example",
        Industry.FINANCE,
        Stage.FREELANCER,
        1,
        "fixed",
        14,
        description="Regnskab, bogføring og moms for iværksættere i Norge og Danmark.",
    ),
    CompanySpec(
        "lindqvist",
        SMARTBY,
        "Lindqvist Ekonomi",
        "lindqvist.example",
        Industry.FINANCE,
        Stage.FREELANCER,
        1,
        "flex",
        11,
        description="Bokföring, bokslut och lön för småföretag i Sverige och Norge.",
    ),
    CompanySpec(
        "solberg",
        SMARTBY,
        "Solberg Kommunikasjon",
        "solberg.example",
        Industry.MEDIA,
        Stage.FREELANCER,
        1,
        "flex",
        16,
        description="Tekst, pressearbeid og presentasjonstrening for grønne selskaper.",
    ),
    CompanySpec(
        "holm",
        SMARTBY,
        "Holm Byrum",
        "holmbyrum.example",
        Industry.ARCHITECTURE,
        Stage.FREELANCER,
        1,
        "fixed",
        8,
        description="Byrum, placemaking og midlertidige installationer.",
    ),
    CompanySpec(
        "aas",
        SMARTBY,
        "Advokatfirmaet Aas",
        "advokataas.example",
        Industry.FINANCE,
        Stage.FREELANCER,
        1,
        "fixed-opening",
        34,
        description="Offentlige anskaffelser, kontrakter og selskapsrett.",
    ),
    # Fjellgarden
    CompanySpec(
        "stolsliv",
        FJELLGARDEN,
        "Stølsliv AS",
        "stolsliv.example",
        Industry.FOOD,
        Stage.STARTUP,
        2,
        "office",
        14,
        description="Opplevelser på stølen: melking, rømmegraut og overnatting.",
    ),
    CompanySpec(
        "bygdeverket",
        FJELLGARDEN,
        "Bygdeverket Regnskap AS",
        "bygdeverket.example",
        Industry.FINANCE,
        Stage.ESTABLISHED,
        4,
        "office",
        26,
        description="Autorisert regnskapsførerselskap for landbruk, handverk og handel.",
    ),
    CompanySpec(
        "kommune",
        FJELLGARDEN,
        "Fjellbygd kommune, næringsavdelingen",
        "fjellbygd.example",
        Industry.PUBLIC,
        Stage.PUBLIC_SECTOR,
        1,
        "fixed",
        26,
        description="Kommunen er medeier i Fjellgarden. Næringssjefen sitter her to dager i uka.",
    ),
    CompanySpec(
        "kodekraft",
        FJELLGARDEN,
        "Kodekraft AS",
        "kodekraft.example",
        Industry.SOFTWARE,
        Stage.REMOTE_TEAM,
        60,
        "fixed",
        11,
        seats=2,
        description="Konsulentselskap i Oslo; to av utviklerne jobber fra Fjellgarden.",
    ),
)

# --- people -------------------------------------------------------------------------------

_MEMBERS_ONLY = "members"
_STAFF = "staff"
_PUBLIC = "public"

PEOPLE: tuple[PersonSpec, ...] = (
    # --- Bylogikk Rådgivning: 25 seats, a handful of profiles, most of them thin ---------
    PersonSpec(
        "Per-Olav Grande",
        SMARTBY,
        "nb",
        company="bylogikk",
        contact=True,
        speaks=("nb", "en"),
        headline="Avdelingsleder for trafikkplanlegging i Bylogikk",
        bio="Jeg leder en gjeng på 25 trafikk- og byplanleggere. Vi jobber mest for kommuner "
        "og fylkeskommuner, og har holdt til på Smartby Hub siden vi flyttet fra "
        "Lysaker.",
        offers=(
            "trafikkanalyser",
            "mobilitetsplaner for nye boligområder",
            "erfaring med store kommunale oppdrag",
        ),
        needs=("samarbeidspartnere på sensordata og trafikktellinger",),
        interests=("bymobilitet", "offentlige anskaffelser"),
    ),
    PersonSpec(
        "Siri Kvam",
        SMARTBY,
        "nb",
        company="bylogikk",
        speaks=("nb", "en"),
        headline="Byplanlegger",
        bio="Jeg lager reguleringsplaner og leder medvirkningsmøter. Jeg er mest her på "
        "tirsdager og torsdager.",
        offers=("reguleringsplaner", "medvirkningsprosesser"),
        interests=("innbyggermedvirkning", "bymobilitet"),
        presence=("tue", "thu"),
    ),
    PersonSpec(
        "Jonas Eide", SMARTBY, "nb", company="bylogikk", headline="Trafikkingeniør", phone=False
    ),
    PersonSpec(
        "Amir Haddad",
        SMARTBY,
        "en",
        company="bylogikk",
        speaks=("ar", "en", "nb"),
        headline="Transport modeller at Bylogikk",
        bio="I build transport models for Norwegian cities and spend far too much time with "
        "traffic counts. I moved to Oslo from Amman via Delft in 2019 and I am still "
        "practising my Norwegian, so please talk to me in Norwegian at the coffee "
        "machine.",
        offers=("transport modelling", "Python for traffic data", "Arabic translation"),
        needs=("good bike-count data", "a Norwegian conversation partner"),
        interests=("urban mobility", "open data"),
    ),
    PersonSpec("Hilde Brekke", SMARTBY, "nb", company="bylogikk", phone=False),
    PersonSpec(
        "Kasper Lund",
        SMARTBY,
        "da",
        company="bylogikk",
        speaks=("da", "nb", "en"),
        headline="Landskabsarkitekt hos Bylogikk",
        bio="Jeg er landskabsarkitekt og arbejder med klimatilpasning og håndtering af "
        "regnvand i byrum. Jeg flyttede fra Aarhus til Oslo for to år siden og savner "
        "stadig rugbrødet.",
        offers=("klimatilpasning og regnvandshåndtering", "skitser og visualiseringer"),
        needs=("nogen at spille badminton med",),
        interests=("klimatilpasning", "placemaking"),
    ),
    PersonSpec("Marius Dahl", SMARTBY, "nb", company="bylogikk", phone=False),
    PersonSpec(
        "Tone Hauge",
        SMARTBY,
        "nb",
        company="bylogikk",
        headline="Prosjektleder",
        bio="Prosjektleder for mobilitetsprosjekter i Bylogikk.",
        offers=("prosjektledelse",),
    ),
    # --- Fjordlys Energi --------------------------------------------------------------------
    PersonSpec(
        "Marianne Lie",
        SMARTBY,
        "nb",
        company="fjordlys",
        contact=True,
        speaks=("nb", "en"),
        headline="Daglig leder i Fjordlys Energi – vi gjør næringsbygg smartere",
        bio="Vi hjelper gårdeiere å kutte energibruken i næringsbygg med smart styring av "
        "varme, ventilasjon og lading. På to år har vi vokst fra tre til tolv ansatte, og "
        "nå leter vi etter pilotbygg i Oslo og Bergen. Før Fjordlys jobbet jeg ti år i "
        "energibransjen.",
        offers=(
            "energieffektivisering i næringsbygg",
            "erfaring med å skalere et oppstartsselskap",
            "kontakter i eiendomsbransjen",
        ),
        needs=("pilotbygg med dårlig energimerke", "en styreleder med erfaring fra eiendom"),
        interests=("energi", "smarte bygg", "bærekraft", "investering"),
        links=("https://example.org/fjordlys-energi",),
    ),
    PersonSpec(
        "Eero Mäkinen",
        SMARTBY,
        "en",
        company="fjordlys",
        speaks=("fi", "sv", "en"),
        headline="Lead data scientist, Fjordlys Energi",
        bio="Finnish data scientist forecasting energy demand in office buildings. I came to "
        "Oslo for the job and stayed for the skiing. Happy to talk about time series, "
        "sauna and anything in between.",
        offers=(
            "time-series forecasting",
            "machine learning in production",
            "sauna recommendations in Oslo",
        ),
        needs=("building owners willing to share meter data",),
        interests=("AI", "energy", "smart buildings", "open data"),
    ),
    PersonSpec(
        "Sindre Bakken",
        SMARTBY,
        "nb",
        company="fjordlys",
        speaks=("nb", "en"),
        headline="Automasjonsingeniør – byggautomasjon og SD-anlegg",
        bio="Jeg kobler sammen ventilasjon, varme og lys i byggene vi jobber med, og har "
        "lært meg å snakke både med vaktmestere og utviklere. På fritida bygger jeg "
        "modelljernbane, men det er en annen historie.",
        offers=("SD-anlegg og byggautomasjon", "BACnet og Modbus", "befaring i tekniske rom"),
        needs=("noen som kan lodde og lage prototyper",),
        interests=("smarte bygg", "energi", "IoT"),
    ),
    PersonSpec(
        "Julie Nygård",
        SMARTBY,
        "nb",
        company="fjordlys",
        speaks=("nb", "en", "de"),
        headline="Salg og partnerskap i Fjordlys",
        bio="Jeg har ansvar for salg til eiendomsselskaper og borettslag. Tidligere jobbet "
        "jeg i et byggefirma, så jeg vet hvor skoen trykker på byggeplassen.",
        offers=("salg til eiendomsbransjen", "tilbudsskriving", "presentasjonsteknikk"),
        needs=("kontakter i borettslag og sameier", "tips om et godt CRM-system"),
        interests=("energi", "bærekraft"),
        visibility={"needs": _STAFF},
    ),
    PersonSpec(
        "Oskar Berg",
        SMARTBY,
        "sv",
        company="fjordlys",
        speaks=("sv", "nb", "en"),
        headline="Energiingenjör på Fjordlys",
        bio="Jag är energiingenjör från Luleå och har jobbat med fjärrvärme i tio år. Nu "
        "räknar jag på värmepumpar och energilager för kontorsbyggnader i Oslo. Fråga "
        "mig gärna om allt som har med värme att göra.",
        offers=("energiberäkningar", "fjärrvärme och värmepumpar", "energideklarationer"),
        needs=("någon att åka längdskidor med på helgerna",),
        interests=("energi", "hållbarhet", "smarta byggnader"),
    ),
    PersonSpec(
        "Priya Raman",
        SMARTBY,
        "en",
        company="fjordlys",
        speaks=("en", "hi"),
        headline="Full-stack developer at Fjordlys",
        bio="I build the dashboards that building managers use to follow their energy use. "
        "Before Oslo I worked at a fintech in Bangalore. I also run the Thursday code and "
        "coffee session by the big windows.",
        offers=("React and Django", "data visualisation", "mentoring junior developers"),
        needs=("Norwegian language exchange", "a climbing partner"),
        interests=("software", "data visualisation", "energy"),
    ),
    PersonSpec(
        "Lars Midtbø",
        SMARTBY,
        "nb",
        company="fjordlys",
        speaks=("nb", "en"),
        headline="Økonomisjef (deltid) i Fjordlys",
        bio="Jeg holder orden på tall og likviditet i Fjordlys, og hjelper gjerne andre "
        "gründere med budsjett og kapitalinnhenting. Tre dager i uka er jeg her, resten "
        "av uka i et annet oppstartsselskap.",
        offers=(
            "budsjett og likviditetsstyring",
            "søknader om offentlig støtte",
            "forberedelse til emisjon",
        ),
        needs=("bedre rutiner for prosjektregnskap",),
        interests=("investering", "energi", "økonomi"),
        presence=("mon", "tue", "wed"),
    ),
    # --- Tråkk Mobility -------------------------------------------------------------------
    PersonSpec(
        DEMO_MEMBER_NAME,
        SMARTBY,
        "nb",
        company="trakk",
        contact=True,
        speaks=("nb", "en", "sv"),
        headline="Gründer i Tråkk – lastesykler for varelevering i sentrum",
        bio="Vi bygger en tjeneste for varelevering med elektriske lastesykler i Oslo "
        "sentrum, og kjører pilot med tre butikker på Grünerløkka. Jeg har bakgrunn som "
        "logistikkplanlegger og er god på ruteplanlegging og kaffe. Nå trenger jeg hjelp "
        "med økonomien før vi skal hente penger.",
        offers=(
            "ruteplanlegging og logistikk",
            "erfaring med pilotprosjekter i kommunen",
            "prøvetur på lastesykkel",
        ),
        needs=(
            "hjelp med regnskap og årsoppgjør",
            "kontakt med investorer innen mobilitet",
            "en UX-designer noen timer i uka",
        ),
        interests=("bymobilitet", "logistikk", "gründerskap", "bærekraft"),
        visibility={"headline": _PUBLIC},
        links=("https://example.org/trakk-mobility",),
        presence=("mon", "tue", "wed", "thu"),
    ),
    PersonSpec(
        "Mats Ødegård",
        SMARTBY,
        "nb",
        company="trakk",
        speaks=("nb", "en"),
        headline="Produktutvikler – vi bygger lastesyklene selv",
        bio="Jeg designer og bygger lastesyklene våre, og har verksted i kjelleren. Spør meg "
        "om sveising, elmotorer og hvorfor piggdekk er viktig i februar.",
        offers=("prototyping og sveising", "elmotorer og batterier", "reparasjon av sykkelen din"),
        needs=("tilgang til laserkutter",),
        interests=("bymobilitet", "maskinvare"),
    ),
    PersonSpec(
        "Sara Rahimi",
        SMARTBY,
        "nb",
        company="trakk",
        speaks=("nb", "fa", "en"),
        headline="Driftsansvarlig og syklist i Tråkk",
        bio="Jeg planlegger skiftene og sykler selv to dager i uka. Jeg kan mye om HMS for "
        "syklister, og om hvordan man får folk til å trives i et lite oppstartsselskap.",
        offers=("HMS og trafikksikkerhet", "rekruttering av syklister"),
        needs=("råd om arbeidsavtaler for deltidsansatte",),
        interests=("bymobilitet", "logistikk"),
    ),
    PersonSpec(
        "Tobias Wik",
        SMARTBY,
        "sv",
        company="trakk",
        speaks=("sv", "en"),
        headline="Utvecklare på Tråkk",
        bio="Jag bygger ruttoptimeringen och appen som cyklisterna använder varje dag. Jag "
        "pendlar från Göteborg varannan vecka och jobbar hemifrån resten av tiden.",
        offers=("ruttoptimering", "mobilappar i Flutter", "kartdata från OpenStreetMap"),
        needs=("testare till vår app",),
        interests=("urban mobility", "öppna data"),
        presence=("tue", "wed", "thu"),
    ),
    # --- Datavev -----------------------------------------------------------------------------
    PersonSpec(
        "Kristoffer Nilsen",
        SMARTBY,
        "nb",
        company="datavev",
        contact=True,
        speaks=("nb", "en"),
        headline="Daglig leder i Datavev – en digital tvilling av byen",
        bio="Datavev samler sensordata om trafikk, luft og støy i en digital tvilling som "
        "kommunene kan bruke i planleggingen. Vi er seks stykker og har to kommuner som "
        "kunder. Jeg er sivilingeniør og har jobbet med GIS i femten år.",
        offers=("GIS og kartdata", "digitale tvillinger", "sparring på salg til kommuner"),
        needs=("flere kommuner som pilotkunder", "en erfaren styreleder"),
        interests=("digitale tvillinger", "åpne data", "offentlige anskaffelser", "bymobilitet"),
    ),
    PersonSpec(
        "Ananya Iyer",
        SMARTBY,
        "en",
        company="datavev",
        speaks=("en", "nb"),
        headline="Backend engineer at Datavev",
        bio="I work on the pipelines that move millions of sensor readings a day into our "
        "city model. I'm from Chennai, did my master's in Trondheim and have been in Oslo "
        "since 2022.",
        offers=("data engineering", "PostgreSQL and PostGIS", "code reviews"),
        needs=("a running group", "Norwegian speaking practice"),
        interests=("open data", "AI", "digital twins"),
    ),
    PersonSpec(
        "Magnus Holm",
        SMARTBY,
        "nb",
        company="datavev",
        speaks=("nb", "en"),
        headline="3D og visualisering",
        bio="Jeg lager 3D-modeller av gater og bygg, slik at folk kan se hvordan byen blir "
        "før den bygges.",
        offers=("3D-modeller av bygg og gater", "Unreal Engine", "visualisering for medvirkning"),
        needs=("arkitekter som vil teste VR i medvirkningsmøter",),
        interests=("digitale tvillinger", "innbyggermedvirkning"),
    ),
    PersonSpec(
        "Karolina Nowak",
        SMARTBY,
        "en",
        company="datavev",
        speaks=("pl", "en"),
        headline="UX designer at Datavev",
        bio="I design the map interfaces city planners use every day. Before Datavev I did "
        "service design for a bank in Warsaw. I love usability testing and bad puns, in "
        "that order.",
        offers=(
            "UX research and usability testing",
            "Figma prototypes",
            "design thinking workshops",
        ),
        needs=("planners who will test our prototype",),
        interests=("design thinking", "urban planning"),
    ),
    PersonSpec(
        "Even Thorsen",
        SMARTBY,
        "nb",
        company="datavev",
        headline="Utvikler",
        offers=("Python", "Django", "PostgreSQL"),
        needs=("ny jobb, gjerne innen energi",),
        visibility={"needs": _STAFF},
    ),
    PersonSpec(
        "Sander Krogstad",
        SMARTBY,
        "nb",
        company="datavev",
        headline="Salg og kundeoppfølging",
        offers=("salg til kommuner", "kundeoppfølging"),
        interests=("offentlige anskaffelser",),
    ),
    # --- Ombruk Bygg ------------------------------------------------------------------------
    PersonSpec(
        "Åse Rønning",
        SMARTBY,
        "nb",
        company="ombruk",
        contact=True,
        speaks=("nb", "en"),
        headline="Gründer i Ombruk Bygg – vi gir byggematerialer et nytt liv",
        bio="Vi kartlegger bygg som skal rives, og selger materialene videre: dører, tegl, "
        "stål og limtre. I fjor reddet vi 400 tonn fra deponi. Jeg er arkitekt og har "
        "jobbet med ombruk siden før det var kult.",
        offers=("ombrukskartlegging før riving", "materialpass", "foredrag om sirkulært bygg"),
        needs=(
            "lagerplass i Groruddalen",
            "kontakter hos store entreprenører",
            "hjelp med nettbutikk",
        ),
        interests=("sirkulærøkonomi", "ombruk", "bærekraft"),
        links=("https://example.org/ombruk-bygg",),
    ),
    PersonSpec(
        "Jakob Lindahl",
        SMARTBY,
        "sv",
        company="ombruk",
        speaks=("sv", "nb", "en"),
        headline="Byggnadsingenjör på Ombruk Bygg",
        bio="Jag bedömer om begagnade byggmaterial håller måttet och tar fram dokumentationen "
        "som krävs. Jag kommer från Malmö och har bott i Oslo i fem år.",
        offers=(
            "provning av återbrukat material",
            "CE-märkning och dokumentation",
            "konstruktionsberäkningar",
        ),
        needs=("ett labb som kan testa betong",),
        interests=("cirkulär ekonomi", "hållbarhet"),
    ),
    PersonSpec(
        "Emil Sandvik",
        SMARTBY,
        "nb",
        company="ombruk",
        headline="Logistikk og salg",
        bio="Jeg henter, lagrer og selger materialene vi redder. Har lastebilsertifikat og "
        "kan låne bort tilhenger.",
        offers=("transport og lager", "salg av brukte byggematerialer"),
        interests=("ombruk",),
    ),
    # --- Stadsljus (Swedish remote team) ------------------------------------------------
    PersonSpec(
        "Linnea Ek",
        SMARTBY,
        "sv",
        company="stadsljus",
        contact=True,
        speaks=("sv", "nb", "en"),
        headline="Nordisk försäljningschef på Stadsljus",
        bio="Stadsljus gör gatubelysning som dimrar efter behov och samlar in data om trafik "
        "och luft. Jag bygger upp vårt kontor i Oslo och träffar kommuner i hela Norge. "
        "Fråga mig gärna om offentlig upphandling – jag har skrivit fler anbud än jag vill "
        "minnas.",
        offers=(
            "offentlig upphandling och anbudsskrivning",
            "smart belysning",
            "kontakter i svenska kommuner",
        ),
        needs=("norska partner för installation", "hjälp att förstå norska upphandlingsregler"),
        interests=("offentlig upphandling", "smart city", "energi"),
        visibility={"headline": _PUBLIC},
    ),
    PersonSpec(
        "Gustav Persson",
        SMARTBY,
        "sv",
        company="stadsljus",
        speaks=("sv", "en"),
        headline="Projektledare för installationer i Norge",
        bio="Jag leder installationerna i Norge och pendlar mellan Oslo och Karlstad. Bra på "
        "Excel, sämre på nynorska.",
        offers=("projektledning av installationer", "elinstallationer"),
        needs=("en bra norsk elektriker",),
        interests=("energi",),
        presence=("mon", "tue", "wed"),
    ),
    PersonSpec(
        "Ella Johansson",
        SMARTBY,
        "sv",
        company="stadsljus",
        speaks=("sv", "en"),
        headline="Dataanalytiker",
        bio="Jag analyserar vad våra lampor ser: trafikflöden, buller och luftkvalitet. Två "
        "dagar i veckan jobbar jag från Stockholm.",
        offers=("dataanalys i Python", "Power BI och rapporter"),
        interests=("öppna data", "AI"),
    ),
    # --- Liikku (Finnish remote team) ------------------------------------------------------
    PersonSpec(
        "Mikko Laine",
        SMARTBY,
        "en",
        company="liikku",
        contact=True,
        speaks=("fi", "en", "sv"),
        headline="Head of Norway, Liikku (mobility as a service)",
        bio="Liikku bundles public transport, city bikes and car sharing in one app. I'm "
        "setting up our Norwegian operation and looking for partners who share our view "
        "that owning a car in the city should be optional.",
        offers=("mobility as a service", "ticketing and payment integrations", "Finnish sisu"),
        needs=(
            "introductions to Norwegian transit agencies",
            "a Norwegian-speaking product manager",
        ),
        interests=("urban mobility", "sustainability", "public procurement"),
    ),
    PersonSpec(
        "Johanna Korhonen",
        SMARTBY,
        "en",
        company="liikku",
        speaks=("fi", "sv", "en"),
        headline="Partnerships manager at Liikku",
        bio="I negotiate with the operators of scooters, bikes and taxis. Based in Helsinki "
        "and in Oslo every other week, usually with a bag of salmiakki for the kitchen.",
        offers=("partnership agreements", "negotiation"),
        needs=("a quiet corner for calls on Tuesdays",),
        interests=("urban mobility",),
        presence=("tue", "wed"),
    ),
    PersonSpec(
        "David Okafor",
        SMARTBY,
        "en",
        company="liikku",
        speaks=("en", "nb"),
        headline="Software engineer at Liikku",
        bio="Backend developer from Lagos, living in Oslo since 2021. I work on journey "
        "planning APIs, and I host the board games night on the first Friday of the "
        "month.",
        offers=("APIs and integrations", "Kotlin and Go", "board games night"),
        needs=("players for the Wednesday five-a-side football",),
        interests=("urban mobility", "software"),
    ),
    # --- Innovasjonsenheten (public sector) --------------------------------------------------
    PersonSpec(
        "Randi Vold",
        SMARTBY,
        "nb",
        company="innovasjon",
        contact=True,
        speaks=("nb", "en"),
        headline="Innovasjonsrådgiver – vi tester nye løsninger i byen",
        bio="Jeg jobber med innovative anskaffelser og pilotprosjekter i kommunen. Jeg sitter "
        "på Smartby Hub to dager i uka for å bli kjent med leverandørene før behovene blir "
        "til anbud. Spør meg om hvordan kommunen kjøper inn – jeg forklarer gjerne.",
        offers=(
            "innovative offentlige anskaffelser",
            "pilotering i kommunen",
            "kontakter i bydelene",
        ),
        needs=(
            "løsninger for bedre luftkvalitet ved skoler",
            "gode eksempler på innbyggermedvirkning",
        ),
        interests=(
            "offentlige anskaffelser",
            "bymobilitet",
            "luftkvalitet",
            "innbyggermedvirkning",
        ),
        presence=("tue", "thu"),
        visibility={"headline": _PUBLIC},
    ),
    PersonSpec(
        "Thomas Vik",
        SMARTBY,
        "nb",
        company="innovasjon",
        speaks=("nb", "en"),
        headline="Seniorrådgiver, data og digitalisering",
        bio="Jeg har ansvar for kommunens åpne data og hjelper etatene å dele data på en "
        "trygg måte.",
        offers=("åpne data fra kommunen", "personvern og DPIA"),
        needs=("leverandører som kan vise fram åpne API-er",),
        interests=("åpne data", "kunstig intelligens"),
        presence=("tue", "thu"),
    ),
    PersonSpec(
        "Leila Mansour",
        SMARTBY,
        "nb",
        company="innovasjon",
        speaks=("nb", "ar", "fr", "en"),
        headline="Arealplanlegger",
        bio="Jeg jobber med områdeplaner og sørger for at gode ideer fra piloter kommer med i "
        "planene.",
        offers=("arealplanlegging", "plan- og bygningsloven"),
        interests=("bymobilitet", "innbyggermedvirkning"),
        presence=("thu",),
    ),
    # --- Senter for smarte og bærekraftige byer (academia) ------------------------------
    PersonSpec(
        "Helen Carter",
        SMARTBY,
        "en",
        company="sbu",
        contact=True,
        speaks=("en", "nb"),
        headline="Associate professor in urban sustainability",
        bio="I research how shared spaces and mobility hubs change the way people move in "
        "Nordic cities. Our centre sits at Smartby Hub so that research and practice meet "
        "over coffee. I am always looking for companies who want to join a grant "
        "application.",
        offers=(
            "research partnerships and EU grant applications",
            "survey design",
            "guest lectures",
        ),
        needs=("companies for a Horizon Europe consortium", "data on bike-sharing use"),
        interests=("urban mobility", "sustainability", "open data"),
        links=("https://example.org/sbu/helen-carter",),
    ),
    PersonSpec(
        "Klara Söderberg",
        SMARTBY,
        "sv",
        company="sbu",
        speaks=("sv", "en", "nb"),
        headline="Doktorand i stadsplanering",
        bio="Jag skriver en avhandling om hur kommuner använder data i planeringen. Jag kommer "
        "från Uppsala och gillar att intervjua folk – säg till om du har en halvtimme över!",
        offers=("kvalitativa intervjuer", "litteratursökning", "korrekturläsning på svenska"),
        needs=(
            "intervjupersoner från kommuner och företag",
            "någon som kan förklara digitala tvillingar enkelt",
        ),
        interests=("digitala tvillingar", "stadsplanering", "öppna data"),
    ),
    PersonSpec(
        "Ole Martin Rye",
        SMARTBY,
        "nb",
        company="sbu",
        speaks=("nb", "en"),
        headline="Postdoktor, energi i bygg",
        bio="Jeg regner på klimagassutslipp fra bygg gjennom hele livsløpet, fra materialer "
        "til riving.",
        offers=("livsløpsanalyser (LCA)", "energisimulering"),
        needs=("data fra næringsbygg",),
        interests=("energi", "sirkulærøkonomi", "smarte bygg"),
    ),
    # --- Ladeklar ---------------------------------------------------------------------------
    PersonSpec(
        "Vegard Hansen",
        SMARTBY,
        "nb",
        company="ladeklar",
        contact=True,
        speaks=("nb", "en"),
        headline="Salgssjef i Ladeklar – lading for borettslag og sameier",
        bio="Vi har bygget ladeanlegg i over 200 borettslag og sameier på Østlandet. Jeg har "
        "bakgrunn fra salg av solceller, og snakker gjerne med alle som skal gjøre noe med "
        "energi i boligselskaper.",
        offers=("lading i borettslag", "solceller på tak", "styremøter i borettslag"),
        needs=("integrasjon mot strømselskapenes API-er", "en god tekstforfatter"),
        interests=("elbil og lading", "energi"),
    ),
    PersonSpec(
        "Trine Fossum",
        SMARTBY,
        "nb",
        company="ladeklar",
        headline="Kundeservice og drift",
        bio="Jeg svarer når laderen ikke lader. Som regel hjelper det å skru den av og på.",
        offers=("kundeservice", "driftsrutiner"),
        interests=("elbil og lading",),
    ),
    PersonSpec(
        "Andreas Myhre",
        SMARTBY,
        "nb",
        company="ladeklar",
        headline="Elektriker og fagansvarlig",
        bio="Jeg har ansvar for alle installasjonene våre og for lærlingene.",
        offers=("elektroinstallasjoner", "lastbalansering", "befaring"),
        needs=("flere lærlinger",),
        interests=("energi", "elbil og lading"),
    ),
    PersonSpec(
        "Mia Christensen",
        SMARTBY,
        "da",
        company="ladeklar",
        speaks=("da", "nb", "en"),
        headline="Produktchef hos Ladeklar",
        bio="Jeg er produktchef i Ladeklar og har tidligere arbejdet med ladeinfrastruktur i "
        "København. Jeg elsker at tale med kunder og omsætte det, de siger, til noget, "
        "udviklerne kan bygge.",
        offers=("produktledelse", "kundeinterviews", "prioritering af roadmaps"),
        needs=("brugertestere fra boligforeninger",),
        interests=("elbiler", "produktudvikling", "energi"),
    ),
    PersonSpec(
        "Stian Lunde",
        SMARTBY,
        "nb",
        company="ladeklar",
        headline="Utvikler",
        offers=("integrasjoner", "Kotlin"),
        phone=False,
    ),
    PersonSpec(
        "Kjetil Aune", SMARTBY, "nb", company="ladeklar", headline="Montørleder", phone=False
    ),
    # --- Restemat ---------------------------------------------------------------------------
    PersonSpec(
        "Hedda Moen",
        SMARTBY,
        "nb",
        company="restemat",
        contact=True,
        speaks=("nb", "en"),
        headline="Medgründer i Restemat – vi redder mat fra butikkene",
        bio="Restemat er en app der butikker og kafeer selger overskuddsmat billig før "
        "stengetid. Vi har 40 000 brukere i Oslo og skal til Bergen til høsten. Jeg kan "
        "mye om markedsføring i sosiale medier med null budsjett.",
        offers=(
            "markedsføring i sosiale medier",
            "lansering av apper",
            "kontakter i dagligvarebransjen",
        ),
        needs=("lokaler med kjøkken", "hjelp med personvernerklæringen"),
        interests=("matsvinn", "sirkulærøkonomi", "gründerskap"),
    ),
    PersonSpec(
        "Frederik Skov",
        SMARTBY,
        "da",
        company="restemat",
        speaks=("da", "nb", "en"),
        headline="Medstifter og CTO i Restemat",
        bio="Jeg er dansk udvikler og har bygget Restemat-appen fra bunden. Jeg bor på "
        "Grünerløkka med min norske kone og vores to børn. Spørg mig om Flutter, Firebase "
        "eller hvordan man overlever en norsk vinter.",
        offers=(
            "appudvikling i Flutter",
            "Firebase",
            "teknisk sparring for ikke-tekniske stiftere",
        ),
        needs=("en erfaren backendudvikler", "investorer med erfaring fra foodtech"),
        interests=("madspild", "cirkulær økonomi", "iværksætteri"),
    ),
    # --- Luftlinje --------------------------------------------------------------------------
    PersonSpec(
        "Bjørnar Hovland",
        SMARTBY,
        "nb",
        company="luftlinje",
        contact=True,
        speaks=("nb", "en"),
        headline="Gründer i Luftlinje – rimelige sensorer for luftkvalitet",
        bio="Vi lager sensorer som måler svevestøv og NO2, og som kan henges på lyktestolper "
        "og skoler. Jeg er elektroingeniør og har loddebolten klar om noen trenger hjelp "
        "med en prototyp.",
        offers=("elektronikkdesign og kretskort", "sensorer og IoT", "hjelp med prototyper"),
        needs=(
            "en pilotkunde i kommunen",
            "en industridesigner til kapslingen",
            "hjelp med søknad til EU-programmer",
        ),
        interests=("luftkvalitet", "IoT", "maskinvare"),
    ),
    PersonSpec(
        "Ida Rasmussen",
        SMARTBY,
        "da",
        company="luftlinje",
        speaks=("da", "en", "nb"),
        headline="Hardwareudvikler hos Luftlinje",
        bio="Jeg designer printkort og firmware til vores sensorer. Jeg er uddannet fra DTU og "
        'har boet i Oslo i tre år, og jeg er ved at lære at sige "kjøleskap" rigtigt.',
        offers=("firmware i C og Rust", "printkortdesign", "LoRaWAN og lavenergiradio"),
        needs=("en 3D-printer, der virker",),
        interests=("IoT", "luftkvalitet", "open source hardware"),
    ),
    PersonSpec(
        "Sebastian Krogh",
        SMARTBY,
        "nb",
        company="luftlinje",
        headline="Produktdesigner (praktikant)",
        offers=("3D-modellering", "skisser"),
        phone=False,
    ),
    # --- freelancers with their own company ---------------------------------------------
    PersonSpec(
        "Signe Kjærgaard",
        SMARTBY,
        "da",
        company="kjaergaard",
        contact=True,
        speaks=("da", "nb", "en"),
        headline="Regnskab og bogføring for iværksættere og freelancere",
        bio="Jeg er uddannet revisor i København og har boet i Oslo i seks år. Jeg hjælper "
        "iværksættere og freelancere med regnskab, bogføring og moms – både i Norge og i "
        "Danmark. Jeg forklarer tallene, så de giver mening, også for dem, der hader "
        "Excel.",
        offers=(
            "regnskab og bogføring",
            "årsregnskab og selvangivelse",
            "moms for små virksomheder",
            "budget og likviditet",
        ),
        needs=("flere kunder blandt iværksættere", "sparring om norske skatteregler"),
        interests=("iværksætteri", "økonomi", "bæredygtighed"),
        visibility={"headline": _PUBLIC, "phone": _MEMBERS_ONLY},
        links=("https://example.org/kjaergaard-regnskab",),
    ),
    PersonSpec(
        "Ebba Lindqvist",
        SMARTBY,
        "sv",
        company="lindqvist",
        contact=True,
        speaks=("sv", "nb", "en"),
        headline="Redovisningskonsult – bokföring och bokslut",
        bio="Jag driver en liten redovisningsbyrå med kunder i både Sverige och Norge. Jag "
        "flyttade till Oslo för kärlekens skull 2020. Jag gillar ordning och reda, och att "
        "hjälpa startups att få koll på ekonomin från början.",
        offers=("bokföring och bokslut", "lönehantering", "ekonomisk rådgivning för startups"),
        needs=("fler norska kunder", "en kollega att dela semestervikariat med"),
        interests=("entreprenörskap", "ekonomi"),
    ),
    PersonSpec(
        "Marte Solberg",
        SMARTBY,
        "nb",
        company="solberg",
        contact=True,
        speaks=("nb", "en"),
        headline="Kommunikasjonsrådgiver for grønne selskaper",
        bio="Jeg har jobbet som journalist i ti år og hjelper nå oppstartsselskaper med å "
        "fortelle historien sin: pressemeldinger, nettsider og foredrag. Jeg skriver på "
        "norsk og engelsk, og språkvasker gjerne søknaden din før fristen.",
        offers=(
            "pressemeldinger og mediekontakt",
            "tekster til nettsider",
            "presentasjonstrening",
            "språkvask av søknader",
        ),
        needs=("kunder innen energi og mobilitet", "en fotograf å samarbeide med"),
        interests=("kommunikasjon", "bærekraft"),
        visibility={"headline": _PUBLIC, "bio": _PUBLIC, "phone": _MEMBERS_ONLY},
        links=("https://example.org/solberg-kommunikasjon",),
    ),
    PersonSpec(
        "Rasmus Holm",
        SMARTBY,
        "da",
        company="holm",
        contact=True,
        speaks=("da", "sv", "en"),
        headline="Byplanlægger og arkitekt (MAA)",
        bio="Jeg er dansk arkitekt med speciale i byrum og midlertidige installationer – "
        "placemaking, kort sagt. Jeg har arbejdet i København og Malmø og sidder nu fast "
        "på Smartby Hub. Jeg tegner gerne skitser til jeres næste ansøgning.",
        offers=(
            "placemaking og midlertidige byrum",
            "skitser og visualiseringer",
            "borgerinddragelse",
        ),
        needs=("samarbejdspartnere til en arkitektkonkurrence", "kunder i de norske kommuner"),
        interests=("placemaking", "byplanlægning", "borgerinddragelse"),
    ),
    PersonSpec(
        "Eirik Aas",
        SMARTBY,
        "nb",
        company="aas",
        contact=True,
        speaks=("nb", "en"),
        headline="Advokat – offentlige anskaffelser og kontrakter",
        bio="Jeg er advokat og har jobbet med offentlige anskaffelser i femten år, først i "
        "kommunen og nå for leverandørene. Medlemmer som lurer på et anbud får en gratis "
        "halvtime. Ellers sykler jeg til jobb hele året.",
        offers=(
            "offentlige anskaffelser",
            "kontrakter og avtaler",
            "gratis halvtime om anbud for medlemmer",
        ),
        needs=("flere kunder i oppstartsfasen",),
        interests=("offentlige anskaffelser", "gründerskap"),
        visibility={"phone": _MEMBERS_ONLY},
    ),
    # --- freelancers with an individual membership -------------------------------------
    PersonSpec(
        "Daan de Vries",
        SMARTBY,
        "en",
        email="daan@devries-design.example",
        speaks=("nl", "en", "nb"),
        plan="flex",
        months_ago=13,
        headline="Service designer and facilitator",
        bio="Dutch service designer who came to Oslo for one project and never left. I run "
        "design sprints and co-creation workshops for municipalities and start-ups. I "
        "believe every good service starts with talking to the people who will use it.",
        offers=(
            "design thinking workshops",
            "service design",
            "facilitation of co-creation sessions",
            "user journey mapping",
        ),
        needs=("clients in the public sector", "a Norwegian-speaking co-facilitator"),
        interests=("design thinking", "citizen participation", "public procurement"),
        visibility={"headline": _PUBLIC, "bio": _PUBLIC},
        links=("https://example.org/daan-de-vries",),
    ),
    PersonSpec(
        "Aino Virtanen",
        SMARTBY,
        "en",
        email="aino@virtanen-data.example",
        speaks=("fi", "sv", "en"),
        plan="flex",
        months_ago=4,
        headline="Freelance data scientist – AI for cities",
        bio="I help cities and start-ups make sense of their data, from traffic counts to "
        "energy meters. I spent ten years in a city data team in Helsinki before going "
        "freelance. Fluent in Python, SQL and Finnish small talk, which is short.",
        offers=(
            "machine learning and forecasting",
            "data strategy for municipalities",
            "Python and SQL training",
        ),
        needs=("projects from April", "a co-author for a paper on AI in city planning"),
        interests=("AI", "open data", "smart city"),
    ),
    PersonSpec(
        "Lucía Fernández",
        SMARTBY,
        "en",
        email="lucia@fernandez-foto.example",
        speaks=("es", "en", "nb"),
        plan="community",
        months_ago=9,
        headline="Photographer and video producer",
        bio="Spanish photographer living in Oslo since 2018. I make portraits, product photos "
        "and short films for companies that want to show their work without looking "
        "stiff. I take headshots here at the hub on the first Friday of every month.",
        offers=("portrait and headshot photography", "short company films", "photo editing"),
        needs=("clients in tech and energy", "a place to store lighting equipment"),
        interests=("photography", "storytelling", "design"),
        links=("https://example.org/lucia-fernandez/portfolio",),
    ),
    PersonSpec(
        "Torbjørn Wiik",
        SMARTBY,
        "nb",
        email="torbjorn@wiik-invest.example",
        speaks=("nb", "en"),
        plan="community",
        months_ago=24,
        headline="Investor og styreleder – grønne oppstartsselskaper",
        bio="Jeg har bygget og solgt to selskaper innen energi, og investerer nå i tidligfase "
        "innen bærekraftige byer. Jeg er innom Smartby Hub hver torsdag og tar gjerne en "
        "kaffe med gründere som har et konkret spørsmål.",
        offers=("investering i tidligfase", "styrearbeid", "kontakter i energibransjen"),
        needs=("gründere innen mobilitet og bygg", "medinvestorer"),
        interests=("investering", "energi", "bymobilitet", "gründerskap"),
        presence=("thu",),
        visibility={"headline": _PUBLIC, "phone": _MEMBERS_ONLY},
    ),
    PersonSpec(
        "Nikolai Berntsen",
        SMARTBY,
        "nb",
        email="nikolai@berntsen-utvikling.example",
        speaks=("nb", "en"),
        plan="flex",
        months_ago=3,
        headline="Frilans programvareutvikler",
        bio="Jeg lager nettløsninger for små selskaper og organisasjoner, helst i Python og "
        "Django. Før jeg ble frilanser jobbet jeg åtte år i et stort konsulentselskap. Jeg "
        "bidrar til åpen kildekode når jeg får tid.",
        offers=("webutvikling i Python og Django", "drift og skytjenester", "kodegjennomgang"),
        needs=("oppdrag fra mai", "en designer å samarbeide med"),
        interests=("programvare", "åpne data"),
        visibility={"needs": _STAFF},
    ),
    PersonSpec(
        "Maja Eriksson",
        SMARTBY,
        "sv",
        email="maja@eriksson-text.example",
        speaks=("sv", "nb", "en"),
        plan="flex",
        months_ago=15,
        headline="UX-skribent och innehållsstrateg",
        bio="Jag skriver texterna i appar och på webbplatser så att folk förstår dem, på "
        "svenska, norska och engelska. Jag har jobbat på byrå i Stockholm och är nu "
        "frilans i Oslo – men i sommar flyttar jag hem igen.",
        offers=("UX-skrivande", "klarspråk", "innehållsstrategi"),
        needs=("fler uppdrag inom offentlig sektor",),
        interests=("klarspråk", "design thinking"),
    ),
    PersonSpec(
        "Petter Brandt",
        SMARTBY,
        "nb",
        email="petter@brandt-baerekraft.example",
        speaks=("nb", "en"),
        plan="fixed",
        months_ago=20,
        headline="Bærekraftsrådgiver",
        bio="Jeg hjelper bedrifter med klimaregnskap og bærekraftsrapportering. Nå har jeg "
        "flyttet til Bergen, men kommer gjerne tilbake på torsdagsbaren.",
        offers=("klimaregnskap", "bærekraftsrapportering (CSRD)"),
        interests=("bærekraft",),
    ),
    PersonSpec(
        "Sofie Dam",
        SMARTBY,
        "da",
        email="sofie@dam-design.example",
        speaks=("da", "nb", "en"),
        plan="fixed",
        months_ago=-1,
        headline="Grafisk designer og illustrator",
        bio="Jeg laver logoer, illustrationer og infografik, der gør komplekse ting lette at "
        "forstå. Jeg er fra Odense og har boet i Oslo i fire år. Jeg tegner også til "
        "børnebøger, når ingen kigger.",
        offers=("grafisk design og visuel identitet", "infografik", "illustrationer"),
        needs=("kunder inden for bæredygtighed", "et atelier med godt lys"),
        interests=("design", "illustration", "bæredygtighed"),
    ),
    # --- Fjellgarden Kontorfellesskap ------------------------------------------------------
    PersonSpec(
        "Ragnhild Bøe",
        FJELLGARDEN,
        "nb",
        company="stolsliv",
        contact=True,
        speaks=("nb", "en", "de"),
        headline="Gardbruker og gründer i Stølsliv – opplevelser på stølen",
        bio="Vi tar imot turister på stølen om sommeren: melking, rømmegraut og overnatting i "
        "gamle stølshus. Om vinteren sitter jeg her og svarer på bestillinger og skriver "
        "søknader. Jeg er femte generasjon på garden.",
        offers=(
            "lokalmat og opplevelsesturisme",
            "kontakter blant bøndene i dalen",
            "søknader om bygdeutviklingsmidler",
        ),
        needs=("hjelp med nettbutikk og booking", "en fotograf til sommeren"),
        interests=("lokalmat", "reiseliv", "bygdeutvikling"),
    ),
    PersonSpec(
        "Sunniva Teigen",
        FJELLGARDEN,
        "nb",
        company="stolsliv",
        speaks=("nb", "en"),
        headline="Markedsføring og booking i Stølsliv",
        bio="Jeg flyttet hjem etter studiene og tar meg av nettsida, Instagram og bestillingene.",
        offers=("sosiale medier for reiselivet", "booking og gjestekontakt"),
        needs=("et bedre bookingsystem",),
        interests=("reiseliv", "kommunikasjon"),
    ),
    PersonSpec(
        "Oddvar Haugland",
        FJELLGARDEN,
        "nb",
        company="bygdeverket",
        contact=True,
        speaks=("nb",),
        headline="Autorisert regnskapsfører – snart 30 år i dalen",
        bio="Jeg har ført regnskap for bønder, handverkere og butikker i dalen siden 1996. Nå "
        "har vi flyttet kontoret til Fjellgarden for å få litt liv rundt oss. Vi tar gjerne "
        "imot nye kunder, også de som bare har en skoeske med kvitteringer.",
        offers=(
            "regnskapsførsel og årsoppgjør",
            "skattemelding for landbruket",
            "lønn og merverdiavgift",
        ),
        needs=("en ny medarbeider som vil bo på bygda",),
        interests=("landbruk", "bygdeutvikling"),
        visibility={"phone": _MEMBERS_ONLY},
    ),
    PersonSpec(
        "Liv Kristiansen",
        FJELLGARDEN,
        "nb",
        company="bygdeverket",
        headline="Regnskapsmedarbeider",
        bio="Jeg tar meg av fakturering og lønn, og hjelper kundene over på skybaserte "
        "regnskapsprogram.",
        offers=("fakturering og lønn", "skybaserte regnskapsprogram"),
        interests=("landbruk",),
    ),
    PersonSpec(
        "Knut Hovde",
        FJELLGARDEN,
        "nb",
        company="kommune",
        contact=True,
        speaks=("nb", "en"),
        headline="Næringssjef i Fjellbygd kommune",
        bio="Jeg hjelper folk som vil starte bedrift her, eller flytte hit og ta med seg jobben. "
        "Kommunen er medeier i Fjellgarden, og jeg sitter her på tirsdager og torsdager. "
        "Kom innom for en prat om tilskudd, tomter eller barnehageplass.",
        offers=(
            "veiledning om tilskudd og næringsfond",
            "kontakter i kommunen",
            "hjelp til tilflyttere",
        ),
        needs=(
            "flere gründere som vil etablere seg i bygda",
            "ideer til et fjernarbeidsprosjekt for unge voksne",
        ),
        interests=("bygdeutvikling", "gründerskap", "fjernarbeid"),
        presence=("tue", "thu"),
        visibility={"headline": _PUBLIC},
    ),
    PersonSpec(
        "Håkon Sørli",
        FJELLGARDEN,
        "nb",
        company="kodekraft",
        contact=True,
        speaks=("nb", "en"),
        headline="Utvikler i Kodekraft – jobber fra bygda",
        bio="Jeg flyttet hjem til dalen etter ti år i Oslo og jobber på distanse for et "
        "konsulentselskap i byen. Det beste med Fjellgarden er å ha kolleger å spise lunsj "
        "med igjen. Spør meg om skyløsninger, eller om skiføret.",
        offers=("skyløsninger og DevOps", "hjelp med nettsider for lokale bedrifter"),
        needs=("flere fjernarbeidere å spise lunsj med", "raskere bredbånd"),
        interests=("fjernarbeid", "programvare", "friluftsliv"),
    ),
    PersonSpec(
        "Erlend Nes",
        FJELLGARDEN,
        "nb",
        company="kodekraft",
        headline="Testleder",
        offers=("testautomatisering", "kvalitetssikring"),
        interests=("fjernarbeid", "friluftsliv"),
    ),
    PersonSpec(
        "Karen Bjerre",
        FJELLGARDEN,
        "da",
        email="karen@bjerre-design.example",
        speaks=("da", "nb", "en"),
        plan="fixed",
        months_ago=20,
        headline="Grafisk designer – flyttede fra København til fjeldet",
        bio="Vi flyttede fra Nørrebro til et gammelt hus i dalen i 2022, og det har vi ikke "
        "fortrudt et sekund. Jeg laver visuelle identiteter for små virksomheder, gerne med "
        "lokal forankring. Om vinteren står jeg på ski i frokostpausen.",
        offers=("logo og visuel identitet", "emballagedesign til lokale fødevarer", "skiltning"),
        needs=("opgaver i Norge", "hjælp til norsk moms og regnskab"),
        interests=("design", "lokale fødevarer", "friluftsliv"),
    ),
    PersonSpec(
        "Mikkel Bjerre",
        FJELLGARDEN,
        "da",
        email="mikkel@bjerre-design.example",
        speaks=("da", "en"),
        plan="fixed",
        months_ago=20,
        headline="Softwareudvikler – fjernarbejde for et fintech i København",
        bio="Jeg arbejder fuldt remote for et fintech-firma i København og er på kontoret i "
        "Fjellgarden fire dage om ugen. Jeg er ret god til backend og meget dårlig til "
        "langrend, men jeg øver mig.",
        offers=("backendudvikling i Go og PostgreSQL", "hjælp til IT-problemer"),
        needs=("nogen med tålmodighed at gå på langrend med",),
        interests=("fjernarbejde", "software", "friluftsliv"),
        presence=("mon", "tue", "wed", "thu"),
    ),
    PersonSpec(
        "Johan Nilsson",
        FJELLGARDEN,
        "sv",
        email="johan@fjallwebb.example",
        speaks=("sv", "nb", "en"),
        plan="flex",
        months_ago=6,
        headline="Skidlärare och webbutvecklare",
        bio="Jag kom hit som skidlärare och blev kvar. På vintern står jag i backen, resten av "
        "året bygger jag webbplatser och bokningssystem åt hotell och turistföretag i "
        "dalen.",
        offers=("webbplatser för turistföretag", "bokningssystem", "skidlektioner"),
        needs=("fler kunder under sommarhalvåret",),
        interests=("turism", "friluftsliv"),
    ),
    PersonSpec(
        "Sarah Whitfield",
        FJELLGARDEN,
        "en",
        email="sarah@whitfield-ux.example",
        speaks=("en", "nb"),
        plan="fixed",
        months_ago=9,
        headline="UX researcher working remotely for a London agency",
        bio="I moved to Norway with my Norwegian partner and work remotely for a UX agency in "
        "London. Fjellgarden saved me from talking only to my cat. I'm happy to help local "
        "businesses test their websites.",
        offers=("UX research", "usability testing", "English proofreading"),
        needs=("a Norwegian conversation group", "a lift to Oslo on Fridays"),
        interests=("design thinking", "remote work", "hiking"),
    ),
    PersonSpec(
        "Tore Fjeld",
        FJELLGARDEN,
        "nb",
        email="tore@fjeld-bygg.example",
        speaks=("nb",),
        plan="flex",
        months_ago=15,
        headline="Tømrer og byggmester – restaurering og ombruk",
        bio="Jeg restaurerer gamle tømmerhus og bygger nytt med gjenbrukte materialer der det "
        "går. Kontoret bruker jeg til tegning, tilbud og papirarbeid, som det blir mer og "
        "mer av.",
        offers=("restaurering av tømmerhus", "ombruk av byggematerialer", "byggesøknader"),
        needs=("en lærling", "en arkitekt å samarbeide med"),
        interests=("ombruk", "sirkulærøkonomi", "bygdeutvikling"),
    ),
    PersonSpec(
        "Astrid Nordby",
        FJELLGARDEN,
        "nb",
        email="astrid@nordby-tekst.example",
        speaks=("nb", "en"),
        plan="community",
        months_ago=3,
        headline="Frilansjournalist og forfatter",
        bio="Jeg skriver for lokalavisa og holder på med en bok om setring i Valdres. "
        "Fjellgarden bruker jeg når jeg trenger folk rundt meg og en skikkelig "
        "kaffemaskin.",
        offers=("tekst og journalistikk", "intervjuer", "lokalhistorie"),
        needs=("en illustratør til boka",),
        interests=("lokalhistorie", "kommunikasjon"),
    ),
)

# What happened to memberships after they started (days before today).
HISTORY: tuple[HistorySpec, ...] = (
    HistorySpec("fjordlys", "seats", days_ago=240, seats=9),
    HistorySpec("datavev", "plan", days_ago=120, plan="office-8"),
    HistorySpec("restemat", "notice", days_ago=12),
    HistorySpec("Maja Eriksson", "notice", days_ago=20),
    HistorySpec("Petter Brandt", "notice", days_ago=150),
    HistorySpec("Petter Brandt", "leave", days_ago=0),
)

INVITATIONS: tuple[InvitationSpec, ...] = (
    InvitationSpec(
        SMARTBY, "nora.bakke@ladeklar.example", "Nora Bakke", days_ago=3, company="ladeklar"
    ),
    InvitationSpec(FJELLGARDEN, "ivar.lien@lien-sag.example", "Ivar Lien", days_ago=6),
)

# --- fragments for the large synthetic community (--members N) ------------------------------

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "nb": (
        "Ingrid",
        "Ola",
        "Kari",
        "Lars",
        "Nora",
        "Emil",
        "Sofie",
        "Henrik",
        "Ida",
        "Jonas",
        "Maren",
        "Sindre",
        "Thea",
        "Eirik",
        "Silje",
        "Magnus",
        "Hanna",
        "Sander",
        "Marte",
        "Vegard",
        "Tuva",
        "Håkon",
        "Ragnhild",
        "Øystein",
        "Åshild",
        "Bjørn",
        "Solveig",
        "Even",
        "Guro",
        "Aksel",
    ),
    "da": (
        "Mette",
        "Rasmus",
        "Signe",
        "Frederik",
        "Ida",
        "Mikkel",
        "Sofie",
        "Kasper",
        "Anne",
        "Søren",
        "Louise",
        "Jesper",
        "Freja",
        "Mads",
        "Camilla",
        "Anders",
        "Line",
        "Troels",
        "Maja",
        "Jakob",
    ),
    "sv": (
        "Ebba",
        "Oskar",
        "Linnea",
        "Gustav",
        "Klara",
        "Johan",
        "Ella",
        "Erik",
        "Maja",
        "Axel",
        "Elin",
        "Viktor",
        "Alva",
        "Filip",
        "Saga",
        "Nils",
        "Wilma",
        "Hugo",
        "Ellen",
        "Anton",
    ),
    "en": (
        "Helen",
        "David",
        "Priya",
        "Amir",
        "Sarah",
        "Daan",
        "Aino",
        "Lucía",
        "Mikko",
        "Karolina",
        "Ananya",
        "Eero",
        "Johanna",
        "Tomasz",
        "Fatima",
        "James",
        "Chen",
        "Olga",
        "Mateo",
        "Aisha",
    ),
}
LAST_NAMES: dict[str, tuple[str, ...]] = {
    "nb": (
        "Hansen",
        "Johansen",
        "Olsen",
        "Larsen",
        "Andersen",
        "Pedersen",
        "Nilsen",
        "Kristiansen",
        "Berg",
        "Haugen",
        "Hagen",
        "Bakken",
        "Solberg",
        "Strand",
        "Moen",
        "Lie",
        "Dahl",
        "Lunde",
        "Eide",
        "Holm",
        "Sørli",
        "Ødegård",
        "Brekke",
        "Fjeld",
        "Rønning",
        "Aas",
        "Vik",
        "Hovland",
        "Myhre",
        "Nygård",
    ),
    "da": (
        "Jensen",
        "Nielsen",
        "Hansen",
        "Pedersen",
        "Andersen",
        "Christensen",
        "Larsen",
        "Sørensen",
        "Rasmussen",
        "Jørgensen",
        "Madsen",
        "Kristensen",
        "Kjærgaard",
        "Skov",
        "Holm",
        "Bjerre",
        "Dam",
        "Lund",
        "Møller",
        "Thomsen",
    ),
    "sv": (
        "Andersson",
        "Johansson",
        "Karlsson",
        "Nilsson",
        "Eriksson",
        "Larsson",
        "Olsson",
        "Persson",
        "Svensson",
        "Lindqvist",
        "Lindahl",
        "Söderberg",
        "Ek",
        "Wik",
        "Berg",
        "Lindström",
        "Åberg",
        "Björk",
        "Sjöberg",
        "Holmgren",
    ),
    "en": (
        "Carter",
        "Okafor",
        "Raman",
        "Haddad",
        "Whitfield",
        "de Vries",
        "Virtanen",
        "Fernández",
        "Laine",
        "Nowak",
        "Iyer",
        "Mäkinen",
        "Korhonen",
        "Kowalski",
        "Ali",
        "Smith",
        "Wang",
        "Petrova",
        "García",
        "Mensah",
    ),
}
HEADLINE_ROLES: dict[str, tuple[str, ...]] = {
    "nb": (
        "Daglig leder",
        "Utvikler",
        "Rådgiver",
        "Prosjektleder",
        "Designer",
        "Analytiker",
        "Gründer",
        "Ingeniør",
        "Konsulent",
        "Forsker",
        "Salgssjef",
        "Produktleder",
    ),
    "da": (
        "Direktør",
        "Udvikler",
        "Rådgiver",
        "Projektleder",
        "Designer",
        "Analytiker",
        "Iværksætter",
        "Ingeniør",
        "Konsulent",
        "Forsker",
        "Salgschef",
        "Produktchef",
    ),
    "sv": (
        "VD",
        "Utvecklare",
        "Rådgivare",
        "Projektledare",
        "Designer",
        "Analytiker",
        "Grundare",
        "Ingenjör",
        "Konsult",
        "Forskare",
        "Säljchef",
        "Produktägare",
    ),
    "en": (
        "Managing director",
        "Developer",
        "Adviser",
        "Project manager",
        "Designer",
        "Analyst",
        "Founder",
        "Engineer",
        "Consultant",
        "Researcher",
        "Head of sales",
        "Product manager",
    ),
}
HEADLINE_FIELDS: dict[str, tuple[str, ...]] = {
    "nb": (
        "innen energi",
        "innen bymobilitet",
        "innen sirkulærøkonomi",
        "for smarte bygg",
        "innen åpne data",
        "i offentlig sektor",
        "innen bærekraft",
        "innen logistikk",
        "innen kunstig intelligens",
        "for borettslag og sameier",
    ),
    "da": (
        "inden for energi",
        "inden for mobilitet",
        "inden for cirkulær økonomi",
        "for intelligente bygninger",
        "inden for åbne data",
        "i den offentlige sektor",
        "inden for bæredygtighed",
        "inden for logistik",
        "inden for kunstig intelligens",
        "for boligforeninger",
    ),
    "sv": (
        "inom energi",
        "inom stadens mobilitet",
        "inom cirkulär ekonomi",
        "för smarta byggnader",
        "inom öppna data",
        "i offentlig sektor",
        "inom hållbarhet",
        "inom logistik",
        "inom AI",
        "för bostadsrättsföreningar",
    ),
    "en": (
        "in energy",
        "in urban mobility",
        "in the circular economy",
        "for smart buildings",
        "in open data",
        "in the public sector",
        "in sustainability",
        "in logistics",
        "in AI",
        "for housing co-operatives",
    ),
}
BIO_OPENINGS: dict[str, tuple[str, ...]] = {
    "nb": (
        "Jeg har jobbet i bransjen i over ti år.",
        "Jeg startet eget selskap for to år siden.",
        "Jeg flyttet hit for jobben og ble værende.",
        "Jeg er utdannet sivilingeniør og liker å løse konkrete problemer.",
    ),
    "da": (
        "Jeg har arbejdet i branchen i over ti år.",
        "Jeg startede min egen virksomhed for to år siden.",
        "Jeg flyttede hertil for jobbets skyld og blev hængende.",
        "Jeg er uddannet ingeniør og kan lide at løse konkrete problemer.",
    ),
    "sv": (
        "Jag har jobbat i branschen i över tio år.",
        "Jag startade eget företag för två år sedan.",
        "Jag flyttade hit för jobbet och blev kvar.",
        "Jag är utbildad civilingenjör och gillar att lösa konkreta problem.",
    ),
    "en": (
        "I have worked in this field for more than ten years.",
        "I started my own company two years ago.",
        "I moved here for the job and stayed.",
        "I trained as an engineer and like solving concrete problems.",
    ),
}
BIO_CLOSINGS: dict[str, tuple[str, ...]] = {
    "nb": (
        "Ta gjerne kontakt over en kaffe.",
        "Du finner meg ofte på torsdagsbaren.",
        "Spør meg gjerne om hva som helst.",
    ),
    "da": (
        "Tag gerne fat i mig over en kop kaffe.",
        "Du finder mig tit til fredagsbaren.",
        "Spørg mig endelig om hvad som helst.",
    ),
    "sv": (
        "Hör gärna av dig över en fika.",
        "Du hittar mig ofta på torsdagsbaren.",
        "Fråga mig gärna om vad som helst.",
    ),
    "en": (
        "Come and say hello over a coffee.",
        "You will often find me at the Thursday bar.",
        "Feel free to ask me anything.",
    ),
}
COMPANY_PREFIXES: tuple[str, ...] = (
    "Fjord",
    "Nord",
    "Grønn",
    "Lys",
    "Elv",
    "Berg",
    "Vind",
    "Sol",
    "By",
    "Data",
    "Kraft",
    "Havn",
    "Bro",
    "Stein",
    "Skog",
    "Vann",
    "Tind",
    "Dal",
    "Nes",
    "Vik",
    "Lyng",
    "Bølge",
    "Strøm",
    "Sirkel",
    "Spor",
    "Bjørk",
    "Ask",
    "Eik",
    "Fjell",
    "Myr",
)
COMPANY_SUFFIXES: tuple[str, ...] = (
    "vev",
    "kraft",
    "labs",
    "logikk",
    "bygg",
    "mobil",
    "data",
    "energi",
    "design",
    "analyse",
    "systemer",
    "partner",
    "verk",
    "teknikk",
    "innsikt",
    "plan",
    "lab",
    "nett",
    "sans",
    "byrå",
)
COMPANY_TAILS: tuple[str, ...] = (
    "",
    " Rådgivning",
    " Teknologi",
    " Nord",
    " Vest",
    " Øst",
    " Sør",
    " Gruppen",
    " Consult",
    " Innovasjon",
)
