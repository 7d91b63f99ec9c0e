#!/usr/bin/env python3
"""Generates data/dict/regions.dyad: first-level regions of every country.

Facts: the first-level subdivisions (entries without a parent) of ISO 3166-2
in Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-2.json, LGPL-2.1+).
ISO names are local-language transliterations ("Chechenskaya Respublika",
"Nīnawá"), so news rarely uses them as written. We therefore
  1. clean each ISO name into plausible surface forms: split "A [B]"
     alternatives, drop parentheticals, reorder "X, Respublika" to "X", strip
     generic type words ("oblast'", "Sheng", "Province"), add a form without the
     Arabic article ("Al Anbār" -> "Anbār") and a form without diacritics;
  2. replace or extend the names of the regions that matter in news with our
     own English names, adjectives and demonyms (OVERRIDES, written by us);
  3. add regions that are not ISO first-level units but are named in news as
     such ("West Bank", "Darfur", "Kashmir", "Transnistria"; EXTRA_REGIONS);
  4. drop generated names that would code badly: generic words ("Central",
     "Western", "Lakes", "Plateau"), names shorter than 4 characters, names
     equal to a country name, adjective or capital, and names that several
     countries share ("Gaza" is both a Mozambican province and the Palestinian
     territory: only the OVERRIDE keeps it, for PSE).
Each region then maps to its country: "Chechen youth" -> RUS + CVL.

Regenerate (output is committed):
  python3 scripts/gen_regions.py > data/dict/regions.dyad
"""

import collections
import json
import re
import sys
import unicodedata

ISO_DIR = "/usr/share/iso-codes/json"
COUNTRIES = "data/dict/countries.dyad"

# ISO 3166-2 code | names | adjectives | demonyms. Written by us.
OVERRIDES = r"""
RU-AD|Adygea;Republic of Adygea|Adyghe|
RU-AL|Altai Republic|Altai|
RU-ALT|Altai Krai;Altai Territory||
RU-AMU|Amur Oblast;Amur region||
RU-ARK|Arkhangelsk Oblast;Arkhangelsk region||
RU-AST|Astrakhan Oblast;Astrakhan region||
RU-BA|Bashkortostan;Bashkiria;Republic of Bashkortostan|Bashkir|Bashkirs
RU-BEL|Belgorod Oblast;Belgorod region||
RU-BRY|Bryansk Oblast;Bryansk region||
RU-BU|Buryatia;Republic of Buryatia|Buryat|Buryats
RU-CE|Chechnya;Chechen Republic;Chechnia;Chechen Republic of Ichkeria;Ichkeria|Chechen|Chechens
RU-CHE|Chelyabinsk Oblast;Chelyabinsk region||
RU-CHU|Chukotka;Chukotka Autonomous Okrug||
RU-CU|Chuvashia;Chuvash Republic|Chuvash|
RU-DA|Dagestan;Daghestan;Republic of Dagestan|Dagestani;Daghestani|Dagestanis
RU-IN|Ingushetia;Republic of Ingushetia;Ingushetiya|Ingush|
RU-IRK|Irkutsk Oblast;Irkutsk region||
RU-IVA|Ivanovo Oblast;Ivanovo region||
RU-KAM|Kamchatka;Kamchatka Krai||
RU-KB|Kabardino-Balkaria;Kabardino-Balkarian Republic|Kabardino-Balkarian|
RU-KC|Karachay-Cherkessia;Karachayevo-Cherkessia|Karachay-Cherkess|
RU-KDA|Krasnodar Krai;Krasnodar region;Kuban||
RU-KEM|Kemerovo Oblast;Kuzbass||
RU-KGD|Kaliningrad Oblast;Kaliningrad region||
RU-KGN|Kurgan Oblast||
RU-KHA|Khabarovsk Krai;Khabarovsk region||
RU-KHM|Khanty-Mansi Autonomous Okrug;Khanty-Mansiysk region;Yugra||
RU-KIR|Kirov Oblast;Kirov region||
RU-KK|Khakassia;Republic of Khakassia||
RU-KL|Kalmykia;Republic of Kalmykia|Kalmyk|Kalmyks
RU-KLU|Kaluga Oblast;Kaluga region||
RU-KO|Komi Republic||
RU-KOS|Kostroma Oblast||
RU-KR|Karelia;Republic of Karelia|Karelian|
RU-KRS|Kursk Oblast;Kursk region||
RU-KYA|Krasnoyarsk Krai;Krasnoyarsk region||
RU-LEN|Leningrad Oblast;Leningrad region||
RU-LIP|Lipetsk Oblast||
RU-MAG|Magadan Oblast||
RU-ME|Mari El;Mari El Republic||
RU-MO|Mordovia;Republic of Mordovia|Mordovian|
RU-MOS|Moscow Oblast;Moscow region||
RU-MUR|Murmansk Oblast;Murmansk region||
RU-NEN|Nenets Autonomous Okrug||
RU-NGR|Novgorod Oblast||
RU-NIZ|Nizhny Novgorod Oblast;Nizhny Novgorod region||
RU-NVS|Novosibirsk Oblast;Novosibirsk region||
RU-OMS|Omsk Oblast||
RU-ORE|Orenburg Oblast||
RU-ORL|Oryol Oblast;Orel Oblast||
RU-PER|Perm Krai;Perm region||
RU-PNZ|Penza Oblast||
RU-PRI|Primorsky Krai;Primorye||
RU-PSK|Pskov Oblast;Pskov region||
RU-ROS|Rostov Oblast;Rostov region||
RU-RYA|Ryazan Oblast||
RU-SA|Sakha Republic;Yakutia|Yakut|Yakuts
RU-SAK|Sakhalin Oblast;Sakhalin||
RU-SAM|Samara Oblast||
RU-SAR|Saratov Oblast||
RU-SE|North Ossetia;North Ossetia-Alania;Republic of North Ossetia|North Ossetian|
RU-SMO|Smolensk Oblast||
RU-STA|Stavropol Krai;Stavropol region||
RU-SVE|Sverdlovsk Oblast;Sverdlovsk region||
RU-TA|Tatarstan;Republic of Tatarstan||
RU-TAM|Tambov Oblast||
RU-TOM|Tomsk Oblast||
RU-TUL|Tula Oblast||
RU-TVE|Tver Oblast||
RU-TY|Tuva;Tyva;Republic of Tuva|Tuvan|Tuvans
RU-TYU|Tyumen Oblast||
RU-UD|Udmurtia;Udmurt Republic|Udmurt|
RU-ULY|Ulyanovsk Oblast||
RU-VGG|Volgograd Oblast;Volgograd region||
RU-VLA|Vladimir Oblast||
RU-VLG|Vologda Oblast||
RU-VOR|Voronezh Oblast;Voronezh region||
RU-YAN|Yamalo-Nenets Autonomous Okrug;Yamal||
RU-YAR|Yaroslavl Oblast||
RU-YEV|Jewish Autonomous Oblast||
RU-ZAB|Zabaykalsky Krai;Transbaikal||
UA-05|Vinnytsia Oblast;Vinnytsia region||
UA-07|Volyn Oblast;Volyn region||
UA-09|Luhansk;Luhansk Oblast;Luhansk region;Lugansk;Lugansk region||
UA-12|Dnipropetrovsk Oblast;Dnipropetrovsk region||
UA-14|Donetsk;Donetsk Oblast;Donetsk region;Donbas;Donbass||
UA-18|Zhytomyr Oblast;Zhytomyr region||
UA-21|Zakarpattia;Transcarpathia||
UA-23|Zaporizhzhia Oblast;Zaporizhzhia region;Zaporozhye region||
UA-26|Ivano-Frankivsk Oblast||
UA-32|Kyiv Oblast;Kyiv region;Kiev region||
UA-35|Kirovohrad Oblast;Kropyvnytskyi region||
UA-40|Sevastopol||
UA-43|Crimea;Crimean peninsula;Autonomous Republic of Crimea;Republic of Crimea|Crimean|Crimeans
UA-46|Lviv Oblast;Lviv region||
UA-48|Mykolaiv Oblast;Mykolaiv region||
UA-51|Odesa Oblast;Odesa region;Odessa region||
UA-53|Poltava Oblast;Poltava region||
UA-56|Rivne Oblast||
UA-59|Sumy Oblast;Sumy region||
UA-61|Ternopil Oblast||
UA-63|Kharkiv Oblast;Kharkiv region;Kharkov region||
UA-65|Kherson Oblast;Kherson region||
UA-68|Khmelnytskyi Oblast||
UA-71|Cherkasy Oblast||
UA-74|Chernihiv Oblast;Chernihiv region||
UA-77|Chernivtsi Oblast||
CN-AH|Anhui|| 
CN-BJ|Beijing Municipality||
CN-CQ|Chongqing||
CN-FJ|Fujian||
CN-GD|Guangdong||
CN-GS|Gansu||
CN-GX|Guangxi||
CN-GZ|Guizhou||
CN-HA|Henan||
CN-HB|Hubei||
CN-HE|Hebei||
CN-HI|Hainan||
CN-HL|Heilongjiang||
CN-HN|Hunan||
CN-JL|Jilin||
CN-JS|Jiangsu||
CN-JX|Jiangxi||
CN-LN|Liaoning||
CN-NM|Inner Mongolia;Nei Mongol|Inner Mongolian|
CN-NX|Ningxia||
CN-QH|Qinghai||
CN-SC|Sichuan;Szechuan||
CN-SD|Shandong||
CN-SH|Shanghai||
CN-SN|Shaanxi||
CN-SX|Shanxi||
CN-TJ|Tianjin||
CN-XJ|Xinjiang;Xinjiang Uyghur Autonomous Region;Xinjiang Uighur Autonomous Region;East Turkestan|Uyghur;Uighur;Xinjiang|Uyghurs;Uighurs
CN-XZ|Tibet;Tibet Autonomous Region;Xizang|Tibetan|Tibetans
CN-YN|Yunnan||
CN-ZJ|Zhejiang||
SY-DI|Damascus Governorate||
SY-DR|Daraa;Deraa;Dara'a||
SY-DY|Deir ez-Zor;Deir el-Zour;Deir ez-Zour;Deir Ezzor||
SY-HA|Hasakah;Al-Hasakah;Hasaka;Hassakeh||
SY-HI|Homs||
SY-HL|Aleppo||
SY-HM|Hama;Hamah||
SY-ID|Idlib;Idleb||
SY-LA|Latakia;Lattakia||
SY-QU|Quneitra||
SY-RA|Raqqa;Raqqah;Al-Raqqa||
SY-RD|Rif Dimashq;Damascus countryside;Rural Damascus||
SY-SU|Sweida;Suwayda;As-Suwayda||
SY-TA|Tartus||
IQ-AN|Anbar;Al-Anbar||
IQ-AR|Erbil;Arbil;Irbil||
IQ-BA|Basra;Basrah||
IQ-BB|Babil;Babylon||
IQ-DA|Dohuk;Duhok;Dahuk||
IQ-DI|Diyala||
IQ-DQ|Dhi Qar||
IQ-KA|Karbala||
IQ-KI|Kirkuk||
IQ-MA|Maysan||
IQ-MU|Muthanna||
IQ-NA|Najaf||
IQ-NI|Nineveh;Ninawa;Nineveh Plains||
IQ-QA|Qadisiyah;Diwaniyah||
IQ-SD|Salahuddin;Salah al-Din;Salah ad-Din||
IQ-SU|Sulaymaniyah;Sulaimaniya;Suleimaniyah||
IQ-WA|Wasit||
AF-HEL|Helmand||
AF-KAN|Kandahar;Qandahar||
AF-KDZ|Kunduz;Kondoz||
AF-NAN|Nangarhar||
AF-PAN|Panjshir;Panjshir Valley||
AF-KNR|Kunar||
AF-URU|Uruzgan;Oruzgan||
AF-WAR|Wardak;Maidan Wardak||
PK-BA|Balochistan;Baluchistan|Baloch;Baluch|Baloch;Baluchis
PK-KP|Khyber Pakhtunkhwa;North-West Frontier Province;NWFP||
PK-JK|Azad Kashmir;Pakistani Kashmir;Pakistan-administered Kashmir;Azad Jammu and Kashmir||
PK-GB|Gilgit-Baltistan||
PK-SD|Sindh;Sind|Sindhi|Sindhis
IN-JK|Jammu and Kashmir;Indian Kashmir;Indian-administered Kashmir;Jammu & Kashmir|Kashmiri|Kashmiris
IN-MN|Manipur|Manipuri|
IN-PB|Indian Punjab||
PK-PB|Pakistani Punjab||
SD-DC|Central Darfur||
SD-DE|East Darfur||
SD-DN|North Darfur||
SD-DS|South Darfur||
SD-DW|West Darfur||
SD-KS|South Kordofan;Nuba Mountains||
SD-NB|Blue Nile||
ET-TI|Tigray;Tigrai|Tigrayan|Tigrayans
ET-AM|Amhara;Amara|Amhara|
ET-OR|Oromia|Oromo|Oromos
ET-AF|Afar||
MM-16|Rakhine;Arakan;Rakhine State|Rakhine;Rohingya|Rohingya
MM-11|Kachin;Kachin State||
MM-17|Shan State||
MM-13|Kayin;Karen State||
MM-14|Chin State||
GE-AB|Abkhazia|Abkhaz;Abkhazian|Abkhazians
GE-AJ|Adjara;Ajaria||
AZ-NX|Nakhchivan;Nakhichevan||
MD-GA|Gagauzia|Gagauz|
MD-SN|Transnistria;Transdniestria;Trans-Dniester;Pridnestrovie|Transnistrian|Transnistrians
SO-BN|Banadir||
SO-WO|Woqooyi Galbeed||
NG-BO|Borno||
NG-YO|Yobe||
NG-AD|Adamawa||
NG-ZA|Zamfara||
NG-KD|Kaduna||
NG-PL|Plateau State||
NG-RI|Rivers State||
NG-DE|Delta State||
NG-NI|Niger State||
NG-FC|Federal Capital Territory||
CD-NK|North Kivu;Nord-Kivu||
CD-SK|South Kivu;Sud-Kivu||
CD-IT|Ituri||
CD-KS|Kasai;Kasaï||
CD-HK|Haut-Katanga||
YE-AD|Aden||
YE-HD|Hadramawt;Hadramout;Hadhramaut||
YE-HU|Hodeidah;Hudaydah||
YE-MA|Marib;Ma'rib||
YE-SD|Saada;Sa'ada||
YE-TA|Taiz;Ta'izz||
YE-SN|Sanaa Governorate||
YE-SU|Socotra||
LY-BA|Benghazi||
LY-MI|Misrata;Misurata||
LY-SR|Sirte||
LY-DR|Derna||
LY-SB|Sabha;Sebha||
ML-6|Timbuktu;Tombouctou||
ML-7|Gao||
ML-8|Kidal||
ML-5|Mopti||
ML-9|Menaka;Ménaka||
EG-SIN|North Sinai;Sinai|Sinai|
EG-JS|South Sinai||
TR-21|Diyarbakir;Diyarbakır||
TR-31|Hatay||
TR-63|Sanliurfa;Şanlıurfa;Urfa||
TR-73|Sirnak;Şırnak||
TR-30|Hakkari;Hakkâri||
IL-JM|Jerusalem District||
LB-BH|Baalbek-Hermel||
LB-BI|Bekaa;Beqaa;Bekaa Valley||
LB-JA|South Lebanon;southern Lebanon||
SS-JG|Jonglei||
SS-NU|Upper Nile State||
SS-UY|Unity State||
PH-14|Bangsamoro;Autonomous Region in Muslim Mindanao;ARMM;Bangsamoro Autonomous Region||
ID-PP|Papua;West Papua|Papuan|Papuans
ES-CT|Catalonia;Catalunya;Cataluña|Catalan|Catalans
ES-PV|Basque Country;Euskadi|Basque|Basques
ES-GA|Galicia|Galician|Galicians
ES-AN|Andalusia;Andalucia|Andalusian|
GB-ENG|England|English|
GB-NIR|Northern Ireland;Ulster|Northern Irish|
GB-SCT|Scotland|Scottish;Scots|Scots
GB-WLS|Wales;Cymru|Welsh|
FR-20R|Corsica;Corse|Corsican|Corsicans
LK-4|Northern Province;Jaffna peninsula||
LK-5|Eastern Province||
MZ-P|Cabo Delgado;Cape Delgado||
MZ-G|Gaza Province||
CM-NW|Northwest Region;North-West Region||
CM-SW|Southwest Region;South-West Region||
CM-EN|Far North Region||
CF-BGF|Bangui||
NE-6|Tillaberi;Tillabéri||
NE-2|Diffa||
BF-12|Sahel Region||
PS-GZA|Gaza;Gaza Strip;Gaza City|Gazan|Gazans
PS-JEM|East Jerusalem||
PS-HBN|Hebron||
PS-JEN|Jenin||
PS-NBS|Nablus||
PS-RFH|Rafah||
PS-KYS|Khan Younis;Khan Yunis||
PS-NGZ|North Gaza;northern Gaza||
PS-DEB|Deir al-Balah;Deir el-Balah||
KZ-ALA|Almaty||
ZA-FS|Free State;Free State province||
TM-M|Mary Province;Mary region||
CG-12|Pool Department;Pool region||
BR-PA|Pará;Para state||
DZ-25|Constantine Province||
JP-41|Saga Prefecture||
NZ-NSN|Nelson region||
TR-72|Batman Province||
EC-L|Loja Province||
AR-S|Santa Fe Province;Santa Fe province||
BZ-TOL|Toledo District||
JM-04|Portland Parish||
MD-BD|Tighina;Bender city||
NI-LE|León Department;Leon Department||
VC-01|Charlotte Parish||
VE-K|Lara state;Lara State||
BR-PR|Paraná state;Parana state||
VE-L|Mérida state;Merida state||
CO-SAN|Santander department||
AU-VIC|State of Victoria;Victoria state||
NI-GR|Granada department||
SO-BR|Bari region||
AE-DU|Dubai||
AE-SH|Sharjah||
AE-AJ|Ajman||
AE-FU|Fujairah||
AE-RK|Ras al-Khaimah;Ras al Khaimah||
AE-UQ|Umm al-Quwain||
SA-02|Mecca region;Makkah region||
SA-03|Medina region;Madinah region||
SA-04|Eastern Province of Saudi Arabia;Saudi Eastern Province||
SA-09|Jizan;Jazan||
SA-10|Najran||
YE-SA|Sanaa City||
KG-O|Osh Region||
TJ-GB|Gorno-Badakhshan;Badakhshan||
UZ-QR|Karakalpakstan|Karakalpak|
IR-11|Sistan and Baluchestan;Sistan-Baluchestan||
IR-12|Kurdistan Province;Iranian Kurdistan||
IR-06|Khuzestan||
CO-CAU|Cauca||
MX-GRO|Guerrero||
MX-SIN|Sinaloa||
MX-TAM|Tamaulipas||
MX-CHH|Chihuahua||
MX-MIC|Michoacan;Michoacán||
MX-CMX|Mexico City Federal District||
"""

# Regions that are not ISO first-level units. country | primary name |
# more names | adjectives | demonyms. Written by us.
EXTRA_REGIONS = r"""
PSE|West Bank|occupied West Bank;Judea and Samaria||
SDN|Darfur||Darfuri|Darfuris
SDN|Kordofan|||
SDN|Abyei|Abyei Area||
IRQ|Kurdistan Region|Iraqi Kurdistan;Kurdistan Region of Iraq;KRG area||
IND|Kashmir|Kashmir Valley;Kashmir valley||
GEO|South Ossetia|Tskhinvali region;Samachablo|South Ossetian|South Ossetians
AZE|Nagorno-Karabakh|Karabakh;Nagorny Karabakh;Artsakh|Karabakh|
CYP|Northern Cyprus|Turkish Republic of Northern Cyprus;TRNC;north Cyprus|Turkish Cypriot;Turkish-Cypriot|Turkish Cypriots
SOM|Somaliland|Republic of Somaliland|Somalilander|Somalilanders
SOM|Puntland|||
SOM|Jubaland|||
PAK|Waziristan|North Waziristan;South Waziristan||
PAK|Federally Administered Tribal Areas|FATA;tribal areas||
PHL|Mindanao|||
PHL|Sulu|Sulu archipelago||
IDN|Aceh|Nanggroe Aceh Darussalam|Acehnese|
IDN|Maluku|Moluccas|Moluccan|
IDN|Sulawesi|Celebes||
SYR|Golan Heights|Golan;occupied Golan||
SYR|Afrin|||
SYR|Kobani|Ain al-Arab||
SYR|Rojava|Autonomous Administration of North and East Syria;AANES||
RUS|North Caucasus|||
UKR|Donbas region|Donbass region||
MLI|Azawad|||
NGA|Niger Delta|||
NGA|Biafra||Biafran|
THA|Pattani|Patani||
LKA|Jaffna|||
IND|Assam|||
ETH|Ogaden|||
MAR|Rif|||
"""

GENERIC = set("""
north northern south southern east eastern west western central centre center centro
capital coast coastal upper lower lakes lake island islands region province district
nord sud est ouest norte sur este oeste litoral littoral plateau plateaux maritime
savanes river rivers mountain mountains valley highlands city federal interior national
delta unity bay sahel cascades mid far greater the of and north-east north-west
south-east south-west northeast northwest southeast southwest midlands middle
""".split())

# Generated names that are common English words or first names ("Free" from "Free State",
# "Mary", "Pool", "Para" from "Pará"). Chosen by checking the generated names against English
# word and person-name frequencies; the list is ours.
# Region names that are also the names of larger cities in other countries (checked with
# `dyad geo lookup` against the GeoNames gazetteer: a city of 100,000+ elsewhere).
GEO_STOP = {
    "armavir", "victoria", "parana", "freiburg", "santander", "cartago", "esmeraldas",
    "savannah", "el progreso", "santa rosa", "manchester", "embu", "fontana", "safi", "granada",
    "santarem", "concepcion", "san pedro", "saint louis", "bari", "san miguel", "sinop",
    "san fernando", "merida", "trujillo", "dali",
}

STOP = {"santa fe"} | GEO_STOP | set("""
para free mary pool sides saga plunge gulf cascade ruse store bloke grad isabel nelson
constantine batman loja male leon león portland charlotte lara bender toledo
""".split())

TYPE_WORDS = [
    " Zhuangzu Zizhiqu", " Huizu Zizhiqu", " Uygur Zizhiqu", " Zizhiqu", " Sheng", " Shi",
    " avtonomnyy okrug", " avtonomnyj okrug", " avtonomnaja oblast'", " oblast'",
    " oblast", " kraj", " kray", " oblysy", " voblasć", " Province", " Governorate",
    " Region", " State", " Prefecture", " County", " Department", " District",
]
ARTICLES = ("Al ", "Ar ", "As ", "An ", "Ad ", "Ash ", "Az ", "At ", "Aḑ ", "Aş ", "Aţ ")


def fold(s):
  out = unicodedata.normalize("NFKD", s)
  out = "".join(c for c in out if not unicodedata.combining(c))
  return out.replace("’", "'").replace("‘", "'").replace("ʻ", "'")


def split(field):
  return [x.strip() for x in field.split(";") if x.strip()]


def clean(name):
  """ISO name -> candidate surface forms (unfiltered)."""
  parts = [name]
  m = re.match(r"^(.*?)\s*\[(.*)\]\s*$", name)
  if m:
    parts = [m.group(1), m.group(2)]
  forms = []
  for p in parts:
    p = re.sub(r"\b[A-Z]{2}-[A-Z0-9]+\b", "", p).strip()
    p = re.sub(r"\s*\(.*?\)\s*", " ", p).strip()
    p = p.rstrip("*").strip().strip("‘’'ʻ").strip()
    if ", " in p:
      p = p.split(", ")[0]
    for t in TYPE_WORDS:
      if p.endswith(t):
        p = p[:-len(t)]
    p = p.strip()
    if not p:
      continue
    forms.append(p)
    for a in ARTICLES:
      if p.startswith(a):
        forms.append(p[len(a):])
  out = []
  for f in forms:
    for g in (f, fold(f)):
      if g not in out:
        out.append(g)
  return out


def country_forms():
  """Every name, adjective, demonym and capital in countries.dyad."""
  forms = set()
  for line in open(COUNTRIES, encoding="utf-8"):
    line = line.split("#")[0].strip()
    if line.startswith(("name ", "adjective ", "demonym ", "capital ")):
      forms.add(line.split(" ", 1)[1].lower())
  return forms


def bad(form, banned):
  if fold(form).lower() in banned or fold(form).lower() in STOP:
    return True
  words = re.findall(r"\w+", form.lower())
  if len(form) < 4 or form.lower() in banned:
    return True
  return all(w in GENERIC or w.isdigit() for w in words)


def main():
  iso3 = {x["alpha_2"]: x["alpha_3"] for x in
          json.load(open(f"{ISO_DIR}/iso_3166-1.json", encoding="utf-8"))["3166-1"]}
  subs = [x for x in json.load(open(f"{ISO_DIR}/iso_3166-2.json",
                                    encoding="utf-8"))["3166-2"] if "parent" not in x]
  overrides = {}
  for line in OVERRIDES.strip().splitlines():
    code, names, adj, dem = (line.split("|") + ["", "", ""])[:4]
    overrides[code.strip()] = (split(names), split(adj), split(dem))
  banned = country_forms()
  # Names the overrides and extra regions claim: generated forms elsewhere yield.
  claimed = {}
  for code, (names, _, _) in overrides.items():
    for n in names:
      claimed.setdefault(n.lower(), set()).add(iso3[code.split("-")[0]])
  extra = []
  for line in EXTRA_REGIONS.strip().splitlines():
    cc, primary, names, adj, dem = (line.split("|") + ["", "", "", ""])[:5]
    extra.append((cc, primary, split(names), split(adj), split(dem)))
    for n in [primary] + split(names):
      claimed.setdefault(n.lower(), set()).add(cc)
  # Count which countries each generated form would code, to drop the shared ones.
  generated = {}
  owners = collections.defaultdict(set)
  for s in subs:
    cc = iso3[s["code"].split("-")[0]]
    forms = [f for f in clean(s["name"]) if not bad(f, banned)]
    generated[s["code"]] = forms
    for f in forms:
      owners[f.lower()].add(cc)
  out = sys.stdout
  out.write("# First-level regions (ISO 3166-2) and other regions named in news.\n"
            "# GENERATED by scripts/gen_regions.py -- edit the script, not this file:\n"
            "#   python3 scripts/gen_regions.py > data/dict/regions.dyad\n"
            "# ISO codes and names: Debian iso-codes (ISO 3166-2), LGPL-2.1+.\n"
            "# English names, adjectives, demonyms and the non-ISO regions: written by the\n"
            "# dyad authors.\n\n")
  written = dropped = 0
  for s in subs:
    code = s["code"]
    cc = iso3[code.split("-")[0]]
    names, adj, dem = overrides.get(code, ([], [], []))
    forms = list(names)
    for f in generated[code]:
      low = f.lower()
      if len(owners[low]) > 1 or (low in claimed and claimed[low] != {cc}):
        dropped += 1
        continue
      forms.append(f)
    seen = []
    for f in forms:
      for g in (f, fold(f)):
        if g != f and fold(g).lower() in STOP:
          continue  # "Pará" stays; its folded form "Para" is a common word
        if g not in seen:
          seen.append(g)
    if not seen:
      dropped += 1
      continue
    out.write(f"region {cc} {seen[0]}\n")
    for f in seen[1:]:
      out.write(f"  name {f}\n")
    for a in adj:
      out.write(f"  adjective {a}\n")
    for d in dem:
      out.write(f"  demonym {d}\n")
    out.write(f"  iso {code}\n")
    written += 1
  out.write("\n# Regions that are not ISO 3166-2 first-level units.\n")
  for cc, primary, names, adj, dem in extra:
    out.write(f"region {cc} {primary}\n")
    for n in names:
      out.write(f"  name {n}\n")
    for a in adj:
      out.write(f"  adjective {a}\n")
    for d in dem:
      out.write(f"  demonym {d}\n")
    written += 1
  sys.stderr.write(f"regions written: {written}; generated names or regions dropped: "
                   f"{dropped}\n")
  return 0


if __name__ == "__main__":
  sys.exit(main())
