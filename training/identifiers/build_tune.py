"""Build the identifier tuning set, training/identifiers/tune.jsonl, from hand-written templates.

The stories are written here rather than collected: every one is invented, so no real patient is in it. The
templates carry the voices and formats the screen must cope with (UK, US, India, Nigeria, Kenya, the
Philippines, Australia, Canada, Ireland, Brazil, South Africa; lowercase texting; non-Anglo names), and the
clean ones are crowded with things that look like identifiers but are not. The seed is fixed, so running
this again gives the same file. The original hand-written evaluation stories come first, unchanged.

Run: python training/identifiers/build_tune.py
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORIGINAL = HERE / "original.jsonl"
OUT = HERE / "tune.jsonl"

# --- value pools -------------------------------------------------------------------------------------------

FIRST = [
    "Chidi",
    "Ngozi",
    "Emeka",
    "Funmilayo",
    "Tunde",
    "Yetunde",
    "Oluwaseun",
    "Adaora",
    "Ifeoma",
    "Babajide",
    "Wanjiru",
    "Achieng",
    "Otieno",
    "Njeri",
    "Kipchoge",
    "Mwangi",
    "Akinyi",
    "Wekesa",
    "Maricel",
    "Rodel",
    "Jhun",
    "Analyn",
    "Rosalinda",
    "Jomar",
    "Priyanka",
    "Venkatesh",
    "Lakshmi",
    "Gurpreet",
    "Harjinder",
    "Sandeep",
    "Meenakshi",
    "Aravind",
    "Thiago",
    "Luana",
    "Gabriela",
    "Rafaela",
    "Joaquim",
    "Thandiwe",
    "Sipho",
    "Lerato",
    "Bongani",
    "Zanele",
    "Pieter",
    "Siobhán",
    "Pádraig",
    "Niamh",
    "Oisín",
    "Geneviève",
    "Mathieu",
    "Jarrah",
    "Tane",
    "Mele",
    "Wei",
    "Xiu",
    "Minh",
    "Thuy",
    "Krzysztof",
    "Agnieszka",
    "Fatima",
    "Yusuf",
    "Khadija",
    "Omar",
    "Bilal",
    "Zainab",
    "Dmitri",
    "Oksana",
    "Aroha",
    "Kalani",
    "Imani",
    "Baraka",
    "Kwame",
    "Abena",
    "Esi",
    "Nnamdi",
    "Dorothy",
    "Harold",
    "Beryl",
    "Cyril",
    "Maureen",
    "Trevor",
    "Shirley",
    "Doreen",
    "Stanley",
    "Edna",
]
SURNAME = """Okonkwo Adeyemi Bakare Eze Nwosu Oyelaran Kamau Otieno Wanjiku Kiprotich Mutua Dela\u00a0Cruz Bautista
Santos Reyes Mendoza Iyer Venkataraman Reddy Sandhu Gill Chatterjee Pereira Oliveira Souza Nkosi Mokoena
Dlamini Naidoo van\u00a0der\u00a0Merwe Ó\u00a0Briain Fitzgerald Tremblay Gagnon Nguyen Kowalczyk Haddad
Abubakar Mensah Asante Petrov Horvat Lindqvist Ferreira Mahlangu Ochieng Balogun Achebe Walsh Murphy-Byrne
Pemberton Thistlewood Hargreaves""".replace("\u00a0", "_").split()
SURNAME = [s.replace("_", " ") for s in SURNAME]
NICKNAMES = ["jun-jun", "bongbong", "tiny", "chuchu", "baby-girl", "bebe", "mimi", "lolo", "didi"]
TITLES = [
    "Mrs",
    "Mr",
    "Dr",
    "Dr.",
    "Mrs.",
    "Ms",
    "Nurse",
    "Sister",
    "Baba",
    "Mama",
    "Aunty",
    "Uncle",
    "Madam",
    "Chief",
    "Alhaji",
    "Tita",
    "Lola",
    "Dona",
    "Seu",
    "Mzee",
    "Father",
    "Pastor",
    "Prof",
]
KIN = [
    "her son",
    "his daughter",
    "her husband",
    "his wife",
    "her granddaughter",
    "his brother",
    "her mum",
    "his dad",
    "the patient's cousin",
    "her nephew",
    "my colleague",
    "our registrar",
    "the charge nurse",
]
TOWNS = [
    "Ikeja",
    "Surulere",
    "Enugu",
    "Kisumu",
    "Thika",
    "Eldoret",
    "Nakuru",
    "Machakos",
    "Quezon",
    "Pasig",
    "Cebu",
    "Iloilo",
    "Tagum",
    "Vellore",
    "Thrissur",
    "Kottayam",
    "Nagpur",
    "Ludhiana",
    "Hubli",
    "Mangaluru",
    "Parramatta",
    "Penrith",
    "Toowoomba",
    "Dandenong",
    "Wollongong",
    "Mildura",
    "Geelong",
    "Mississauga",
    "Sudbury",
    "Moncton",
    "Saskatoon",
    "Kamloops",
    "Ballymena",
    "Tullamore",
    "Athlone",
    "Letterkenny",
    "Drogheda",
    "Campinas",
    "Recife",
    "Niterói",
    "Soweto",
    "Khayelitsha",
    "Pietermaritzburg",
    "Stellenbosch",
    "Mthatha",
    "Scunthorpe",
    "Wrexham",
    "Kilmarnock",
    "Bridgend",
    "Tamworth",
    "Lowestoft",
    "Bakersfield",
    "Modesto",
    "Tulsa",
    "Dayton",
    "Kalamazoo",
    "Yakima",
    "Onitsha",
    "Abeokuta",
    "Osogbo",
    "Kakamega",
    "Nyeri",
    "Kasarani",
    "Ruiru",
    "Dasmariñas",
    "Bacolod",
    "Tirunelveli",
    "Erode",
    "Gosford",
    "Ipswich",
    "Ashfield",
    "Scarborough",
    "Moose_Jaw",
    "Rathmines",
    "Blanchardstown",
    "Jaboatão",
    "Umlazi",
    "Tembisa",
    "Mitchells_Plain",
]
TOWNS = [town.replace("_", " ") for town in TOWNS]
HOSPITALS = """Lagos University Teaching Hospital|Kenyatta National Hospital|Aga Khan University Hospital|St Luke's
Medical Center|Philippine General Hospital|Christian Medical College|Ruby Hall Clinic|Nepean Hospital|Logan
Hospital|Sunnybrook Health Sciences Centre|Beaumont Hospital|Mater Misericordiae University Hospital|Hospital
das Clínicas|Chris Hani Baragwanath Hospital|Groote Schuur Hospital|Tygerberg Hospital|Pinderfields
Hospital|Royal Gwent Hospital|Ninewells Hospital|Kingsmill Hospital|Moi Teaching and Referral Hospital|Eko
Hospital|Lifeline Clinic|Harbourside Medical Centre|Oakridge Health Centre|St Brigid's Infirmary|Mount Carmel
Clinic|Sacred Heart Hospital|Jinja Regional Hospital|Amrita Institute|Apollo Hospital|Fortis Hospital|Mayo
Clinic|Cedars-Sinai|Victoria Infirmary|Wythenshawe Hospital|Greenlane Clinic|Ikeja General Hospital|Kilifi
County Hospital|Cebu Doctors' Hospital|Prince of Wales Hospital|Westmead Hospital""".replace("\n", " ").split("|")
HOSPITALS = [h.strip() for h in HOSPITALS]
WARDS = [
    "5 North",
    "4 West",
    "7 East",
    "OR 4",
    "OR 2",
    "OT 3",
    "Ward 12B",
    "ward 6",
    "Bay C",
    "bed 14",
    "side room 2",
    "theatre 5",
    "resus 2",
    "cubicle 9",
    "Room 311",
    "pod B",
    "Theatre 1",
    "3 South",
    "bay 4",
    "bed 22",
    "Ward 9",
    "Rowan ward",
    "Nightingale Ward",
    "cath lab 2",
]
DATES = [
    "6/11",
    "12/24",
    "the 9th",
    "dec 2nd",
    "the 14th of january",
    "March 3rd",
    "14 March",
    "3/14/2021",
    "02/11/1931",
    "21st of June",
    "Christmas Eve",
    "the 23rd",
    "jan 5",
    "Sept 12th",
    "24/12/2022",
    "5th of May",
    "Friday the 13th",
    "10/3",
    "the 2nd of feb",
    "New Year's Day",
    "30 Nov",
    "aug 14th",
    "2019-07-04",
    "4/20",
    "the 31st",
    "1st january",
    "Oct 3",
]
AGES = [
    "92F",
    "94yo",
    "about 100",
    "97M",
    "aged 95",
    "93-year-old",
    "101",
    "a hundred and two",
    "ninety-four",
    "96 yo",
    "99",
    "98 y/o",
    "91yr old",
    "over 100",
    "nearly 100",
]
PHONES = [
    "07700 900461",
    "+234 803 555 0199",
    "0722 555 123",
    "+254 722 555123",
    "0917 555 1234",
    "+63 917 555 1234",
    "+91 98765 43210",
    "(416) 555-0147",
    "0412 555 678",
    "+61 412 555 678",
    "087 555 1234",
    "+27 82 555 1234",
    "(11) 98765-4321",
    "+55 11 98765-4321",
    "020 7946 0018",
    "555-0182",
    "0803 555 0144",
]
EMAILS = [
    "chidi.okonkwo@yahoo.com",
    "wanjiru.k@gmail.com",
    "maricel_dc@outlook.ph",
    "priya.iyer@rediffmail.com",
    "tjones@stgeorges.nhs.uk",
    "familia.pereira@uol.com.br",
    "sipho@mweb.co.za",
    "niamh.walsh@hse.ie",
]
URLS = [
    "https://gofund.me/a1b2c3",
    "www.facebook.com/groups/justiceforemeka",
    "https://t.me/kisumu_nurses",
    "tiktok.com/@nurse_rodel",
    "https://www.legacy.com/obituaries/thistlewood",
    "bit.ly/3xYzQ7",
]
IPS = ["192.168.14.27", "10.0.4.113", "172.16.254.1", "2001:db8::ff00:42:8329"]
RECORDS = [
    "AB-123456",
    "K1234567",
    "RXH-0012-3",
    "2023/456",
    "UR 0045871",
    "MRN-88-1204",
    "H/2021/00451",
    "OPD-77812",
    "CR-334-219",
    "LUTH/19/2231",
    "K-004512",
    "943 476 5919",
    "D12-88341",
]
RECORD_CUES = [
    "MRN",
    "mrn",
    "hospital number",
    "hosp no",
    "UR number",
    "record no.",
    "chart #",
    "IP no",
    "OPD no.",
    "file number",
    "patient ID",
    "UHID",
    "CR no.",
    "folio number",
    "NHS number",
]
REGS = [
    ("NMC PIN", "12A3456E"),
    ("PIN", "98I1234E"),
    ("GMC number", "7012345"),
    ("GMC", "6543210"),
    ("AHPRA registration", "NMW0001234567"),
    ("NPI", "1234567893"),
    ("PRC license no.", "0123456"),
    ("licence number", "RN-445120"),
    ("HPCSA number", "MP0123456"),
    ("KMPDC reg no.", "A12345"),
    ("MDCN folio", "MDCN/R/34512"),
    ("nursing council number", "NCK-20931"),
    ("SANC number", "14077852"),
    ("CRM", "123456-SP"),
    ("CNO registration", "0912345"),
    ("NMBI PIN", "123456"),
]
REFS = [
    ("complaint ref", "CMP-2023-0456"),
    ("Datix", "182734"),
    ("incident number", "INC0012345"),
    ("case reference", "22/1234"),
    ("our ref", "PALS/4471"),
    ("the coroner's reference", "COR-2022-118"),
    ("claim number", "CLM889201"),
    ("FIR no.", "123/2023"),
    ("OB number", "45/12/03/2024"),
    ("ticket", "#88231"),
    ("SI number", "2023/12345"),
    ("case no.", "HSE-CR-0977"),
    ("police reference", "CAD 4411"),
    ("HPCSA complaint", "HPC-0039/21"),
]
PLATES = [
    "MH 12 AB 1234",
    "KA01MJ4471",
    "DL 3C AB 1234",
    "KCA 123B",
    "KDG 447Q",
    "AB12 CDE",
    "YX68 KLM",
    "ABC-123",
    "1AB 2CD",
    "BX 42 QT",
    "123 ABC",
    "EKY-447DE",
    "191-D-12345",
    "LND 12A",
    "TN 09 BQ 7781",
]
PLATE_CUES = ["number plate", "plate", "rego", "reg", "registration", "licence plate", "plate number"]
DEVICES = [
    ("serial number", "PM2210-88431"),
    ("S/N", "AX7732119"),
    ("IMEI", "356938035643809"),
    ("device ID", "ICD-4471-AB"),
    ("MAC address", "00:1A:2B:3C:4D:5E"),
    ("pump serial", "AL-880213"),
    ("SN", "VT40012876"),
    ("UDI", "(01)00884521234567"),
    ("asset tag", "BME-10442"),
    ("lot number", "LT2291X"),
    ("serial no.", "KX-33019-B"),
]
ADDRESSES = [
    "14 Adeola Odeku Street",
    "Plot 22, Ngong Road",
    "Flat 3",
    "27 Mabini St",
    "42 Kruger Avenue",
    "Rua das Flores, 88",
    "Gandhi Nagar",
    "12 Kildare Road",
    "apt 4C",
    "7/22 Beach Road",
    "Moi Avenue",
    "221 Jacaranda Crescent",
]


def pick(pool: list) -> object:
    return RNG.choice(pool)


def full_name() -> str:
    return f"{pick(FIRST)} {pick(SURNAME)}"


FIRST_NAME_TITLES = ("Baba", "Mama", "Aunty", "Uncle", "Tita", "Lola", "Dona", "Seu")


def title_name() -> str:
    title = str(pick(TITLES))
    return f"{title} {pick(FIRST) if title in FIRST_NAME_TITLES else pick(SURNAME)}"


# --- templates ---------------------------------------------------------------------------------------------
# {name} a name and so on; each slot becomes one expected identifier. {kin} and filler slots are not identifiers.

SLOTS = {
    "first": ("name", lambda: pick(FIRST)),
    "first2": ("name", lambda: pick(FIRST)),
    "full": ("name", full_name),
    "titled": ("name", title_name),
    "titled2": ("name", title_name),
    "surname": ("name", lambda: pick(SURNAME)),
    "nick": ("name", lambda: pick(NICKNAMES)),
    "town": ("place", lambda: pick(TOWNS)),
    "town2": ("place", lambda: pick(TOWNS)),
    "hosp": ("facility", lambda: pick(HOSPITALS)),
    "ward": ("facility", lambda: pick(WARDS)),
    "date": ("date", lambda: pick(DATES)),
    "date2": ("date", lambda: pick(DATES)),
    "age": ("age", lambda: pick(AGES)),
    "phone": ("phone", lambda: pick(PHONES)),
    "email": ("email", lambda: pick(EMAILS)),
    "url": ("url", lambda: pick(URLS)),
    "ip": ("ip", lambda: pick(IPS)),
    "rec": ("record", lambda: pick(RECORDS)),
    "plate": ("plate", lambda: pick(PLATES)),
    "addr": ("address", lambda: pick(ADDRESSES)),
}
CUED = {
    "reccue": lambda: pick(RECORD_CUES),
    "platecue": lambda: pick(PLATE_CUES),
    "kin": lambda: pick(KIN),
}
PAIRS = {"reg": ("id", REGS), "ref": ("id", REFS), "dev": ("device", DEVICES)}

TEMPLATES = """\
{titled} was {age} and still asked for her tea at {date}. I nursed her on {ward} for three weeks.
We lost {first} on {date} in {ward}. {kin}, {first2}, drove all night from {town}.
my patient {first} was only 4. we did cpr for 40 mins in {ward} and i still hear the monitor
I'm a nurse in {town}. {titled} came in with chest pain on {date} and never went home.
The ambulance crew brought him from {town2} to {hosp} but he arrested in the lift.
{kin}, {full}, left his number, {phone}, and I never rang it.
The {reccue} {rec} is still in my head. She was {age} and deaf as a post.
Her {reccue} was {rec} and I must have typed it fifty times that shift.
I trained at {hosp}. The night {titled} died, {first} from pharmacy sat with me in the car park.
They were hit by a matatu near {town}; the car's {platecue} was {plate}, the police told us later.
The {platecue} {plate} is burned into my memory from that crash outside {town}.
The lorry, {platecue} {plate}, had jackknifed on the bypass. Two died at the scene.
A man in a silver van, {plate}, stopped and helped us with the scoop.
His pacemaker {dev} had to be logged before the body went to the mortuary.
The family asked me to write down his {dev} for the insurance. I still have the slip.
I got a letter about my {reg} after the inquest. I nearly left nursing.
My {reg} was suspended for six weeks while they investigated. I was 26.
The {ref} came through on {date}. It said I had "failed to escalate".
I still check my email for updates on {ref}. It has been a year.
{titled} was {age}. Her granddaughter, {first}, sang to her in Yoruba until the end.
little {first} was 3 and came in blue. named after his grandad. we couldnt get him back
baby {first} lived 40 minutes. i held her for all of them
we called him {nick} because he was the smallest on the unit. he died on {date}
she kept calling me ate, and everyone called her lola {first}. she passed at {hosp}
Mama {first} sold fruit outside the clinic in {town} for thirty years. She was {age} when she died.
Baba {first} refused dialysis. His son {first2} signed the form on {date}.
Aunty {first} from the church brought food to the ward every day until she died.
My patient {titled} lived on {addr}. We went to her house on {date} and she was on the floor.
The address was {addr}, {town}. By the time we found the gate he was gone.
I work nights at {hosp} in {town}. The boy was {age}? No. He was seventeen.
On {date} we had three deaths in {ward}, and {titled} was the last.
The registrar, {full}, told me it wasn't my fault. I didn't believe her.
He emailed me from {email} to thank me, two weeks after his mother died.
The family's page is at {url} if you want to see her smile.
The audit showed my login from {ip} at the time the alarm was silenced.
The consultant was {titled}. He never once looked at the family.
We transferred her from {hosp} to {town} by road because the helicopter was grounded.
My friend {first} from {town} told me to write this down. So here it is.
{titled} was {age} when he arrived in {ward} from {town}.
In {town} we only had one ventilator. {full} was on it when the power went.
I'm a paramedic from {town}. The call was to {addr} on {date}.
Her mobile was {phone}. I kept ringing it after she died because it was on my list.
A lady called {first} held my hand at the roadside. I never knew her surname.
A boy named {first} asked me if he was going to die. He was nine.
Our HCA, {first}, found me in the sluice and just hugged me.
i was the student on {ward} when {titled} coded. {age}, dnr on the chart but nobody had told the family
pt was {age}, came from {hosp}, {reccue} {rec}. nobody told her family for six hours
{age}, confused, alone. that was {titled}. i was the last face she saw on {date}
We lost twins on {date}. The parents named them {first} and {first2}.
The ED at {hosp} was so full on {date} that we did CPR in the corridor.
He was a farmer from outside {town}, {age}, and he called me "child" the whole night.
Dr {surname} called time of death at 03:12. I was the one who told {kin}.
I still drive past {hosp} on my way to work and feel sick.
They brought {first} in from {town} after the bus overturned. {kin} arrived at dawn.
I remember {first} {surname}'s laugh more than anything about that night on {ward}.
The theatre list said {ward}, 08:30, {titled}. She never woke up.
My preceptor, {titled}, told me you carry every one. She was right.
the clinic in {town} had no oxygen on {date}. {first} died waiting for the truck
Sister {first} from the convent sat with him on {ward} when his family could not come.
He was from {town} and supported the local team. {kin} brought his scarf for the coffin.
We were at {hosp} when the news came that {full} had died on the other ward.
The ambulance {platecue} was {plate}; we still joke that it was cursed.
{titled} phoned me at {phone} the day after, to say thank you. I cried in the car.
I looked up the {reccue} {rec} a year later, just to see. I shouldn't have.
{titled} in {ward}, {age}, was my first death as a qualified nurse in {town}.
The ventilator, {dev}, alarmed all night and biomed took it away the next morning.
I had to read out the {dev} of her insulin pump to the coroner's officer.
The monitor with {dev} was the one that failed. I reported it twice before.
"""


def fill(template: str) -> dict:
    identifiers = []
    text = template
    for slot in re.findall(r"\{(\w+)\}", template):
        if slot in CUED:
            text = text.replace("{" + slot + "}", CUED[slot](), 1)
        elif slot in PAIRS:
            kind, pool = PAIRS[slot]
            cue, value = pick(pool)
            text = text.replace("{" + slot + "}", f"{cue} {value}", 1)
            identifiers.append({"type": kind, "value": value})
        else:
            kind, make = SLOTS[slot]
            value = make()
            if template.startswith(("my ", "little ", "baby ", "we ", "she ", "i ", "pt ", "{age}, ", "the clinic")):
                value = value.lower() if kind in ("name", "date") and slot != "nick" else value
            text = text.replace("{" + slot + "}", value, 1)
            identifiers.append({"type": kind, "value": value})
    return {"text": text, "identifiers": identifiers}


# --- clean stories: full of things that look like identifiers and are not -----------------------------------

CLEAN = """\
She was 89 and sharp as a tack; he was 47 and had never been ill a day in his life.
We gave 800mg of paracetamol, then 10 mg/kg, then another 2 g of magnesium.
BP 80/40, HR 140, sats 88% on 15 litres, GCS 3, temp 39.8.
His GCS was 14/15 when he came in and 3/15 by midnight.
Pain was 8/10 and then 10/10 and then he stopped answering.
It was a Tuesday in March. It always seems to be a Tuesday.
In 2015 I moved to the ICU. By 2019 I had stopped counting.
We did CPR for 45 minutes in the ED and called it at 03:12.
The Glasgow Coma Scale, the Apgar score, the Waterlow: I could do them in my sleep.
I trained in Nigeria and now work in Canada. Neither place teaches you this.
I'm a nurse from Kerala working in the UK on a Tier 2 visa.
He was on warfarin, bisoprolol, metformin and about six other things.
We pushed adrenaline every 4 minutes and gave 3 shocks.
The 82-year-old in the next bed asked me if she would be next.
The registrar, a nurse and I went back to resus on Friday night.
I worked in Texas for two years, then in Ontario, then home to Queensland.
She had Parkinson's and Crohn's and still did the crossword every day.
I was 24 and on my 3rd night shift in a row.
My patient was 73, with a Guillain-Barré diagnosis and a wicked sense of humour.
We ran the Cheyne-Stokes breathing past the family and they understood.
Every Christmas I think of the families who spent it in the relatives' room.
By the 4th time his sats dropped I knew.
It was my 2nd week as a newly qualified nurse on the 9th floor.
The baby was 26 weeks, 700 grams, and fought for nine days.
I've been a midwife for 12 years in the Philippines and in Saudi Arabia.
We were short by 3 nurses and had 28 patients on the unit.
He had a Hickman line, a Foley catheter and an NG tube.
The NHS, the HSE, Medicare: the paperwork is different, the grief is the same.
They gave her 2.5 mg of morphine and 500 micrograms of glycopyrronium.
I cried in the car park at 7am and then drove home through the traffic.
Our unit took 4 Covid patients that week in April and lost 3 of them.
She was in her 80s, a retired teacher, and she corrected my grammar.
I'm a paramedic in Ontario. Winter calls are the worst.
The Braden score was 9. Nobody had turned her for hours.
Stage 4 pressure sore, NEWS of 9, and a family who had been told nothing.
I left the ward at 8 pm and came back at 7 am and he was still there.
She was 60 and looked 90. Years of dialysis will do that.
We talk about the Swiss cheese model in teaching, but it felt like my hole alone.
In Brazil we say you never forget the first one. It is true.
I was born in Ireland, trained in Australia and I work in Alberta now.
The oncology team had given him 3 to 6 months; he had 3 weeks.
The consultant said we had done everything. I believed him, mostly.
It happened on a Sunday in June, during the World Cup final.
Someone from chaplaincy came at 4am. I don't even know what religion she was.
We worked on her for an hour with the Lucas device while her husband watched.
The ICU was full so he stayed with us in the HDU overnight.
He had Down syndrome and was the happiest person I have ever nursed.
Sats 92 on room air, RR 28, and I still thought he'd be fine.
He weighed 120 kg and we needed 6 people to turn him.
I've worked in South Africa, in Kenya and now in England, and grief is the same everywhere.
My first death was in 2008. I was 22 and nobody debriefed us.
I'm a doctor in Lagos State. We lose too many mothers.
The Apgar was 1 at one minute and 3 at five.
In India we had 60 beds and 2 nurses on nights.
He took 20 tablets of paracetamol and 10 of codeine, the note said.
It was a 12-hour shift that turned into 16.
Family conference at 2 pm, withdrawal at 4, death at 6:40.
I was a student in the provinces when I saw my first code.
Our hospice has 14 beds and a garden that the patients love.
She asked for a priest and we found one at 3am.
He was a veteran, 85, and saluted the porter every morning.
I'm in my 30s and I've lost count of the deaths.
I wasn't there when she died. I was on my break for 20 minutes.
Ward round at 9, family meeting at 11, code at 11:30.
We give 1 in 10,000 adrenaline, 10 ml, every other cycle.
I was Band 5 then. I'm Band 7 now and it still hurts.
Every Diwali I light a lamp for the ones we lost.
The Ramadan fast had just ended, and the whole family was there.
The Heimlich didn't work. Nothing worked.
She was Filipino, like me, and she called me anak.
He was Nigerian, a proud Igbo man, and he wanted to go home to die.
They were a Kenyan family who had just moved to England for work.
The Brazilian nurses on our unit sang to her at the end.
One of the Irish porters used to bring her the paper.
I had 6 patients, one of them dying, and a student on her first day.
The Trendelenburg position, the bag-valve mask, 2 large-bore cannulas: all of it.
We started the Liverpool Care Pathway back then. We don't call it that now.
I'm a nurse practitioner in Victoria. The bushfire season still gives me nightmares.
In Queensland it was 40 degrees and the air conditioning was broken.
I'm from the Midwest and I moved south for nursing school.
On Monday, Wednesday and Friday I did dialysis with her for 4 hours.
Over 90 percent of our patients that month had Covid.
We had 100 patients in a department built for 40.
A pulse of 30, a pressure of 60 systolic and a cold, grey face.
I gave him 2 units of blood and 1 of platelets and he still bled.
It took 3 attempts to intubate. I was the third.
The GCS was 15 on arrival. By the 2nd hour it was 8.
It was February, the coldest week of the year, and the heating failed.
She had lived through the war, the 60s, and a husband who drank.
He was in the Navy for 30 years and never talked about it.
The Salvation Army brought us coffee in the corridor.
He loved Manchester United and made me promise to watch the final.
Her favourite hymn was Amazing Grace, and we played it on my phone.
The Lasix didn't work, the Clexane didn't work; nothing we had worked.
I work in a district hospital in the Eastern Cape. We do what we can.
I was the only doctor for 80,000 people in that district.
Most nights we see 30 or 40 patients in the outpatient clinic.
Hindi, Tamil, Malayalam: we had all of them on the ward that night.
She was a grandmother of 7 and great-grandmother of 2.
We moved him to a side room so his family could all be there.
The night sister did the rounds at 2am and found me crying.
i was on nights and i just kept thinking she was only 19
honestly the worst part was the 3rd call that night, another kid
we had 5 codes on tuesday. five. and no debrief
my first year as a nurse in the philippines was the hardest
sats 85 on 15L and we still couldnt get an icu bed
cant stop thinking about the 40 min code last week. 14 yr old.
our ward is 32 beds and we had 4 nurses
the family came from india and didnt speak english. we used google translate
she was 88 and wanted to see the sea one more time
i gave 5mg of morphine at 2am and she settled
"""


def clean_story() -> dict:
    lines = [line for line in CLEAN.splitlines() if line.strip()]
    count = RNG.choice((1, 2, 2, 3))
    return {"text": " ".join(RNG.sample(lines, count)), "identifiers": []}


def identifier_story() -> dict:
    templates = [line for line in TEMPLATES.splitlines() if line.strip()]
    story = fill(RNG.choice(templates))
    if RNG.random() < 0.3:
        lines = [line for line in CLEAN.splitlines() if line.strip() and not line[0].islower()]
        story["text"] = f"{story['text']} {RNG.choice(lines)}"
    return story


def original() -> list[dict]:
    """The project's first hand-written evaluation stories, in this file's format."""
    stories = []
    with ORIGINAL.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                stories.append(json.loads(line))
    return stories


def main() -> None:
    stories = original()
    seen = {story["text"] for story in stories}
    target_clean, target_identified = 120, 200
    made_clean = made_identified = 0
    while made_clean < target_clean or made_identified < target_identified:
        story = clean_story() if made_clean < target_clean else identifier_story()
        if story["text"] in seen:
            continue
        seen.add(story["text"])
        stories.append(story)
        if story["identifiers"]:
            made_identified += 1
        else:
            made_clean += 1
    with OUT.open("w", encoding="utf-8") as handle:
        for story in stories:
            handle.write(json.dumps(story, ensure_ascii=False) + "\n")
    print(f"wrote {len(stories)} stories to {OUT}")


RNG = random.Random(20240611)

if __name__ == "__main__":
    main()
