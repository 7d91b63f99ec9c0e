#!/usr/bin/env python3
"""Generates data/dict/countries.dyad: every country and territory.

Facts (codes and ISO short, common and official names) come from Debian's
iso-codes package (/usr/share/iso-codes/json/iso_3166-1.json and, for the
former states still met in news since 2000, iso_3166-3.json); iso-codes is
LGPL-2.1+ and we derive facts from it. Adjectives, demonyms and the common
alternative names in the EXTRA table below are written by us.

Codes: CAMEO country codes are ISO 3166-1 alpha-3 with few exceptions. The
exceptions we apply are in CAMEO_CODE (Kosovo has no ISO code: CAMEO uses
KSV). Government metonyms ("the Kremlin", "the White House") are not
countries: they live in data/dict/metonyms.dyad.

Regenerate (output is committed):
  python3 scripts/gen_countries.py > data/dict/countries.dyad
"""

import json
import sys
import unicodedata

ISO_DIR = "/usr/share/iso-codes/json"

# Our own table: code | adjectives | demonyms (plural) | alternative names.
# Lists are ';'-separated. Written by us for dyad.
EXTRA = r"""
ABW|Aruban|Arubans|
AFG|Afghan|Afghans|
AGO|Angolan|Angolans|
AIA|Anguillan|Anguillans|
ALA|Alandic;Aland Island|Alanders|Aland
ALB|Albanian|Albanians|
AND|Andorran|Andorrans|
ARE|Emirati;UAE|Emiratis|UAE;U.A.E.;the Emirates;Emirates
ARG|Argentine;Argentinian|Argentines;Argentinians|
ARM|Armenian|Armenians|
ASM|American Samoan|American Samoans|
ATA|Antarctic||
ATF|||French Southern and Antarctic Lands
ATG|Antiguan;Barbudan|Antiguans;Barbudans|Antigua
AUS|Australian;Aussie|Australians;Aussies|
AUT|Austrian|Austrians|
AZE|Azerbaijani;Azeri|Azerbaijanis;Azeris|
BDI|Burundian|Burundians|
BEL|Belgian|Belgians|
BEN|Beninese|Beninese|Dahomey
BES|Bonairean|Bonaireans|Bonaire;Caribbean Netherlands;Sint Eustatius;Saba
BFA|Burkinabe;Burkinabè|Burkinabes|Burkina;Upper Volta
BGD|Bangladeshi|Bangladeshis|
BGR|Bulgarian|Bulgarians|
BHR|Bahraini|Bahrainis|
BHS|Bahamian|Bahamians|the Bahamas
BIH|Bosnian;Herzegovinian|Bosnians;Herzegovinians|Bosnia;Bosnia-Herzegovina;Bosnia-Hercegovina
BLM|Barthelemois||St. Barts;St. Barthelemy;Saint Barthelemy
BLR|Belarusian;Belarussian;Byelorussian|Belarusians|Byelorussia
BLZ|Belizean|Belizeans|
BMU|Bermudian;Bermudan|Bermudians|
BOL|Bolivian|Bolivians|
BRA|Brazilian|Brazilians|
BRB|Barbadian;Bajan|Barbadians|
BRN|Bruneian|Bruneians|Brunei
BTN|Bhutanese|Bhutanese|
BVT|||
BWA|Botswanan;Motswana|Batswana;Botswanans|
CAF|Central African|Central Africans|CAR;C.A.R.
CAN|Canadian|Canadians|
CCK|Cocos Islander|Cocos Islanders|Cocos Islands;Keeling Islands
CHE|Swiss|Swiss|Swiss Confederation
CHL|Chilean|Chileans|
CHN|Chinese|Chinese|PRC;P.R.C.;mainland China;People's Republic of China
CIV|Ivorian;Ivoirian|Ivorians|Ivory Coast;Cote d'Ivoire
CMR|Cameroonian|Cameroonians|
COD|Congolese|Congolese|DR Congo;D.R. Congo;DRC;D.R.C.;Congo-Kinshasa;Democratic Republic of Congo;Democratic Republic of the Congo
COG|||Congo-Brazzaville;Republic of Congo;Republic of the Congo
COK|Cook Islander|Cook Islanders|
COL|Colombian|Colombians|
COM|Comoran;Comorian|Comorans;Comorians|the Comoros
CPV|Cape Verdean;Cabo Verdean|Cape Verdeans|Cape Verde
CRI|Costa Rican|Costa Ricans|
CUB|Cuban|Cubans|
CUW|Curacaoan|Curacaoans|Curacao
CXR|Christmas Islander|Christmas Islanders|
CYM|Caymanian|Caymanians|the Cayman Islands
CYP|Cypriot;Greek Cypriot;Greek-Cypriot|Cypriots;Greek Cypriots|
CZE|Czech|Czechs|Czech Republic
DEU|German|Germans|
DJI|Djiboutian|Djiboutians|
DMA|||Commonwealth of Dominica
DNK|Danish|Danes|
DOM|Dominican|Dominicans|
DZA|Algerian|Algerians|
ECU|Ecuadorian;Ecuadorean|Ecuadorians|
EGY|Egyptian|Egyptians|
ERI|Eritrean|Eritreans|
ESH|Sahrawi;Saharawi;Western Saharan|Sahrawis;Saharawis|
ESP|Spanish|Spaniards|
EST|Estonian|Estonians|
ETH|Ethiopian|Ethiopians|
FIN|Finnish|Finns|
FJI|Fijian|Fijians|
FLK|Falkland Islander;Falklands|Falkland Islanders|the Falklands;Falklands;Malvinas;Islas Malvinas
FRA|French|French;Frenchmen|
FRO|Faroese|Faroese|the Faroes;Faroes;Faeroe Islands
FSM|Micronesian|Micronesians|Micronesia
GAB|Gabonese|Gabonese|
GBR|British;UK|Britons;Brits;British people|Britain;Great Britain;UK;U.K.;United Kingdom;the United Kingdom of Great Britain and Northern Ireland
GEO|Georgian|Georgians|
GGY|Guernseyman||
GHA|Ghanaian|Ghanaians|
GIB|Gibraltarian|Gibraltarians|
GIN|Guinean|Guineans|Guinea-Conakry
GLP|Guadeloupean|Guadeloupeans|
GMB|Gambian|Gambians|the Gambia
GNB|Bissau-Guinean|Bissau-Guineans|
GNQ|Equatorial Guinean;Equatoguinean|Equatorial Guineans|
GRC|Greek;Hellenic|Greeks|Hellas
GRD|Grenadian|Grenadians|
GRL|Greenlandic|Greenlanders|
GTM|Guatemalan|Guatemalans|
GUF|French Guianese|French Guianese|
GUM|Guamanian|Guamanians|
GUY|Guyanese|Guyanese|
HKG|Hong Kong|Hong Kongers|Hong Kong SAR
HMD|||
HND|Honduran|Hondurans|
HRV|Croatian;Croat|Croatians;Croats|
HTI|Haitian|Haitians|
HUN|Hungarian|Hungarians|
IDN|Indonesian|Indonesians|
IMN|Manx|Manx|
IND|Indian|Indians|
IOT|||Chagos Islands;Chagos Archipelago
IRL|Irish|Irish;Irishmen|Republic of Ireland;Eire
IRN|Iranian;Persian|Iranians|Persia;Islamic Republic of Iran
IRQ|Iraqi|Iraqis|
ISL|Icelandic|Icelanders|
ISR|Israeli|Israelis|
ITA|Italian|Italians|
JAM|Jamaican|Jamaicans|
JEY|Jersey||
JOR|Jordanian|Jordanians|
JPN|Japanese|Japanese|
KAZ|Kazakh;Kazakhstani|Kazakhs;Kazakhstanis|Kazakstan
KEN|Kenyan|Kenyans|
KGZ|Kyrgyz;Kirgiz;Kyrgyzstani|Kyrgyz;Kyrgyzstanis|Kirgizia;Kyrgyz Republic
KHM|Cambodian;Khmer;Kampuchean|Cambodians|Kampuchea
KIR|I-Kiribati;Kiribati|I-Kiribati|
KNA|Kittitian;Nevisian|Kittitians;Nevisians|St. Kitts and Nevis;St Kitts and Nevis;St. Kitts
KOR|South Korean|South Koreans|South Korea;Republic of Korea;ROK;R.O.K.
KWT|Kuwaiti|Kuwaitis|
LAO|Lao;Laotian|Laotians;Lao|Laos
LBN|Lebanese|Lebanese|
LBR|Liberian|Liberians|
LBY|Libyan|Libyans|
LCA|Saint Lucian;St. Lucian|Saint Lucians|St. Lucia;St Lucia
LIE|Liechtensteiner||
LKA|Sri Lankan|Sri Lankans|Ceylon
LSO|Basotho;Lesothan|Basotho|
LTU|Lithuanian|Lithuanians|
LUX|Luxembourgish;Luxembourg|Luxembourgers|
LVA|Latvian|Latvians|
MAC|Macanese;Macau|Macanese|Macau;Macao SAR;Macau SAR
MAF|Saint-Martinoise||St. Martin;Saint-Martin
MAR|Moroccan|Moroccans|
MCO|Monegasque;Monacan|Monegasques|
MDA|Moldovan|Moldovans|Moldavia
MDG|Malagasy;Madagascan|Malagasy|
MDV|Maldivian|Maldivians|the Maldives
MEX|Mexican|Mexicans|
MHL|Marshallese|Marshallese|the Marshall Islands
MKD|Macedonian;North Macedonian|Macedonians;North Macedonians|Macedonia;FYROM;Former Yugoslav Republic of Macedonia
MLI|Malian|Malians|
MLT|Maltese|Maltese|
MMR|Myanmar;Burmese|Burmese|Burma
MNE|Montenegrin|Montenegrins|
MNG|Mongolian|Mongolians|
MNP|Northern Marianan;Chamorro|Northern Mariana Islanders|Northern Marianas;Saipan
MOZ|Mozambican|Mozambicans|
MRT|Mauritanian|Mauritanians|
MSR|Montserratian|Montserratians|
MTQ|Martinican;Martiniquais|Martinicans|
MUS|Mauritian|Mauritians|
MWI|Malawian|Malawians|
MYS|Malaysian|Malaysians|
MYT|Mahoran|Mahorans|
NAM|Namibian|Namibians|
NCL|New Caledonian;Kanak|New Caledonians|
NER|Nigerien|Nigeriens|
NFK|Norfolk Islander|Norfolk Islanders|
NGA|Nigerian|Nigerians|
NIC|Nicaraguan|Nicaraguans|
NIU|Niuean|Niueans|
NLD|Dutch;Netherlands|Dutch;Dutchmen|Holland;the Netherlands
NOR|Norwegian|Norwegians|
NPL|Nepali;Nepalese|Nepalis;Nepalese|
NRU|Nauruan|Nauruans|
NZL|New Zealand;Kiwi|New Zealanders;Kiwis|NZ;N.Z.
OMN|Omani|Omanis|
PAK|Pakistani|Pakistanis|
PAN|Panamanian|Panamanians|
PCN|Pitcairn Islander|Pitcairn Islanders|Pitcairn Islands
PER|Peruvian|Peruvians|
PHL|Philippine;Filipino|Filipinos|the Philippines
PLW|Palauan|Palauans|
PNG|Papua New Guinean;Papuan|Papua New Guineans|PNG
POL|Polish|Poles|
PRI|Puerto Rican|Puerto Ricans|
PRK|North Korean|North Koreans|North Korea;DPRK;D.P.R.K.;Democratic People's Republic of Korea
PRT|Portuguese|Portuguese|
PRY|Paraguayan|Paraguayans|
PSE|Palestinian|Palestinians|Palestine;Palestinian territories;occupied Palestinian territories;occupied Palestinian territory;Palestinian Territories
PYF|French Polynesian;Tahitian|French Polynesians|Tahiti
QAT|Qatari|Qataris|
REU|Reunionese|Reunionese|
ROU|Romanian|Romanians|Rumania;Roumania
RUS|Russian|Russians|Russia
RWA|Rwandan|Rwandans|
SAU|Saudi;Saudi Arabian|Saudis|the Kingdom of Saudi Arabia;KSA
SDN|Sudanese|Sudanese|
SEN|Senegalese|Senegalese|
SGP|Singaporean|Singaporeans|
SGS|||South Georgia
SHN|Saint Helenian|Saint Helenians|St. Helena;Saint Helena;Ascension Island;Tristan da Cunha
SJM|||Svalbard;Jan Mayen
SLB|Solomon Islander|Solomon Islanders|the Solomon Islands;Solomons
SLE|Sierra Leonean|Sierra Leoneans|
SLV|Salvadoran;Salvadorean|Salvadorans|
SMR|Sammarinese|Sammarinese|
SOM|Somali;Somalian|Somalis|
SPM|||St. Pierre and Miquelon
SRB|Serbian;Serb|Serbians;Serbs|
SSD|South Sudanese|South Sudanese|
STP|Sao Tomean|Sao Tomeans|Sao Tome;Sao Tome and Principe
SUR|Surinamese|Surinamers;Surinamese|Surinam
SVK|Slovak;Slovakian|Slovaks|Slovak Republic
SVN|Slovenian;Slovene|Slovenians;Slovenes|
SWE|Swedish|Swedes|
SWZ|Swazi;Eswatini|Swazis|Swaziland
SXM|Sint Maartener||Sint Maarten
SYC|Seychellois|Seychellois|the Seychelles
SYR|Syrian|Syrians|
TCA|Turks and Caicos Islander|Turks and Caicos Islanders|Turks and Caicos
TCD|Chadian|Chadians|
TGO|Togolese|Togolese|
THA|Thai|Thais|Siam
TJK|Tajik;Tajikistani|Tajiks;Tajikistanis|
TKL|Tokelauan|Tokelauans|
TKM|Turkmen;Turkmenistani|Turkmens;Turkmen|Turkmenia
TLS|Timorese;East Timorese|Timorese;East Timorese|East Timor;Timor Leste
TON|Tongan|Tongans|
TTO|Trinidadian;Tobagonian|Trinidadians;Tobagonians|Trinidad
TUN|Tunisian|Tunisians|
TUR|Turkish|Turks|Turkey;Turkiye;Republic of Turkey
TUV|Tuvaluan|Tuvaluans|
TWN|Taiwanese|Taiwanese|Republic of China;ROC;R.O.C.
TZA|Tanzanian|Tanzanians|
UGA|Ugandan|Ugandans|
UKR|Ukrainian|Ukrainians|the Ukraine
UMI|||
URY|Uruguayan|Uruguayans|
USA|American;U.S.;US|Americans|US;U.S.;USA;U.S.A.;America;United States of America
UZB|Uzbek;Uzbekistani|Uzbeks;Uzbekistanis|
VAT|Vatican;papal|Vaticans|Vatican;Vatican City;the Holy See;Holy See
VCT|Vincentian|Vincentians|St. Vincent and the Grenadines;St Vincent;Saint Vincent
VEN|Venezuelan|Venezuelans|
VGB|British Virgin Islander|British Virgin Islanders|British Virgin Islands;BVI
VIR|U.S. Virgin Islander|U.S. Virgin Islanders|U.S. Virgin Islands;US Virgin Islands;USVI
VNM|Vietnamese|Vietnamese|Viet Nam
VUT|Ni-Vanuatu;Vanuatuan|Ni-Vanuatu|
WLF|Wallisian;Futunan|Wallisians;Futunans|Wallis and Futuna
WSM|Samoan|Samoans|Western Samoa
YEM|Yemeni;Yemenite|Yemenis|
ZAF|South African|South Africans|RSA
ZMB|Zambian|Zambians|
ZWE|Zimbabwean;Rhodesian|Zimbabweans|Rhodesia
KSV|Kosovar;Kosovan;Kosovo|Kosovars;Kosovans;Kosovo Albanians|Kosova;Republic of Kosovo
"""

# Capitals (our table). Where the seat of government differs from the
# constitutional capital, both are listed (first the one news uses most).
# A capital named like its country (Singapore, Kuwait) is left out: the
# country name already codes it.
CAPITALS = r"""
AFG Kabul
AGO Luanda
ALB Tirana;Tirane
AND Andorra la Vella
ARE Abu Dhabi
ARG Buenos Aires
ARM Yerevan
ATG St. John's;Saint John's
AUS Canberra
AUT Vienna
AZE Baku
BDI Gitega;Bujumbura
BEL Brussels
BEN Porto-Novo;Cotonou
BFA Ouagadougou
BGD Dhaka;Dacca
BGR Sofia
BHR Manama
BHS Nassau
BIH Sarajevo
BLR Minsk
BLZ Belmopan
BOL La Paz;Sucre
BRA Brasilia;Brasília
BRB Bridgetown
BRN Bandar Seri Begawan
BTN Thimphu
BWA Gaborone
CAF Bangui
CAN Ottawa
CHE Bern;Berne
CHL Santiago
CHN Beijing;Peking
CIV Yamoussoukro;Abidjan
CMR Yaounde;Yaoundé
COD Kinshasa
COG Brazzaville
COL Bogota;Bogotá
COM Moroni
CPV Praia
CRI San José
CUB Havana
CYP Nicosia
CZE Prague
DEU Berlin
DJI Djibouti City
DMA Roseau
DNK Copenhagen
DOM Santo Domingo
DZA Algiers
ECU Quito
EGY Cairo
ERI Asmara
ESP Madrid
EST Tallinn
ETH Addis Ababa
FIN Helsinki
FJI Suva
FRA Paris
FSM Palikir
GAB Libreville
GBR London
GEO Tbilisi
GHA Accra
GIN Conakry
GMB Banjul
GNB Bissau
GNQ Malabo
GRC Athens
GRD St. George's
GTM Guatemala City
GUY Georgetown
HND Tegucigalpa
HRV Zagreb
HTI Port-au-Prince
HUN Budapest
IDN Jakarta
IND New Delhi
IRL Dublin
IRN Tehran;Teheran
IRQ Baghdad
ISL Reykjavik;Reykjavík
ISR Jerusalem;Tel Aviv
ITA Rome
JAM Kingston
JOR Amman
JPN Tokyo
KAZ Astana;Nur-Sultan
KEN Nairobi
KGZ Bishkek
KHM Phnom Penh
KIR Tarawa;South Tarawa
KNA Basseterre
KOR Seoul
KWT Kuwait City
LAO Vientiane
LBN Beirut
LBR Monrovia
LBY Tripoli
LCA Castries
LIE Vaduz
LKA Colombo;Sri Jayawardenepura Kotte
LSO Maseru
LTU Vilnius
LVA Riga
MAR Rabat
MDA Chisinau;Chişinău
MDG Antananarivo
MDV Malé
MEX Mexico City
MHL Majuro
MKD Skopje
MLI Bamako
MLT Valletta
MMR Naypyidaw;Naypyitaw;Nay Pyi Taw
MNE Podgorica
MNG Ulaanbaatar;Ulan Bator
MOZ Maputo
MRT Nouakchott
MUS Port Louis
MWI Lilongwe
MYS Kuala Lumpur;Putrajaya
NAM Windhoek
NER Niamey
NGA Abuja
NIC Managua
NLD Amsterdam
NOR Oslo
NPL Kathmandu;Katmandu;Khatmandu
NRU Yaren
NZL Wellington
OMN Muscat
PAK Islamabad
PAN Panama City
PER Lima
PHL Manila
PLW Ngerulmud
PNG Port Moresby
POL Warsaw
PRK Pyongyang
PRT Lisbon
PRY Asuncion;Asunción
PSE Ramallah
QAT Doha
ROU Bucharest
RUS Moscow
RWA Kigali
SAU Riyadh
SDN Khartoum
SEN Dakar
SLB Honiara
SLE Freetown
SLV San Salvador
SOM Mogadishu
SRB Belgrade
SSD Juba
STP Sao Tome City
SUR Paramaribo
SVK Bratislava
SVN Ljubljana
SWE Stockholm
SWZ Mbabane;Lobamba
SYR Damascus
TCD N'Djamena;Ndjamena
TGO Lome;Lomé
THA Bangkok
TJK Dushanbe
TKM Ashgabat;Ashkhabad
TLS Dili
TON Nuku'alofa
TTO Port of Spain
TUN Tunis
TUR Ankara
TUV Funafuti
TWN Taipei
TZA Dodoma;Dar es Salaam
UGA Kampala
UKR Kyiv;Kiev
URY Montevideo
USA Washington;Washington, D.C.;Washington D.C.
UZB Tashkent
VCT Kingstown
VEN Caracas
VNM Hanoi
VUT Port Vila
WSM Apia
YEM Sanaa;Sana'a
ZAF Pretoria;Cape Town
ZMB Lusaka
ZWE Harare
KSV Pristina;Prishtina
"""

# Entries not in iso_3166-1. Kosovo: CAMEO/World Bank code KSV (ISO has none).
ADDED = [
    {"alpha_3": "KSV", "name": "Kosovo",
     "note": "not in ISO 3166-1; CAMEO and World Bank use KSV"},
]

# Where the CAMEO code differs from ISO 3166-1 alpha-3. Empty on purpose:
# the CAMEO codebook and the Phoenix dictionaries use ISO alpha-3 for every
# current state (ROU for Romania, COD for DR Congo, TLS for Timor-Leste).
CAMEO_CODE = {}

# Former states still met in post-2000 news, from iso_3166-3 (code, names,
# adjectives, demonyms, validity). Adjectives and names are ours.
FORMER = {
    "YUG": ("Yugoslavia;Federal Republic of Yugoslavia;FRY", "Yugoslav;Yugoslavian",
            "Yugoslavs", "..2003-02-04"),
    "SCG": ("Serbia and Montenegro;State Union of Serbia and Montenegro", "", "",
            "2003-02-04..2006-06-05"),
    "SUN": ("Soviet Union;USSR;U.S.S.R.;Union of Soviet Socialist Republics", "Soviet",
            "Soviets", "..1991-12-26"),
    "CSK": ("Czechoslovakia", "Czechoslovak;Czechoslovakian", "Czechoslovaks",
            "..1992-12-31"),
    "DDR": ("East Germany;German Democratic Republic;GDR", "East German",
            "East Germans", "..1990-10-03"),
    "ANT": ("Netherlands Antilles", "Netherlands Antillean", "", "..2010-10-10"),
    "ZAR": ("Zaire", "Zairean;Zairian", "Zaireans", "..1997-05-17"),
}


def fold(s):
  """Drops diacritics: 'Côte d'Ivoire' -> "Cote d'Ivoire"."""
  out = unicodedata.normalize("NFKD", s)
  out = "".join(c for c in out if not unicodedata.combining(c))
  return out.replace("’", "'")


def iso_names(name):
  """Turns an ISO-style name into news-style surface forms."""
  names = []
  base = name
  if base.endswith(")") and "(" in base:
    inner = base[base.index("(") + 1:-1]
    base = (base[:base.index("(")] + base[base.index(")") + 1:]).strip()
    base = " ".join(base.split())
    if not inner.endswith("part") and inner != "Keeling":
      names.append(inner)
  if ", " in base:
    head, tail = base.split(", ", 1)
    if tail.endswith(" of") or tail.endswith(" of the"):
      base = tail + " " + head
      base = base.replace("The ", "the ", 1) if base.startswith("The ") else base
    elif tail in ("British", "U.S."):
      base = tail + " " + head
    else:
      base = None  # "Bonaire, Sint Eustatius and Saba": EXTRA lists the parts
  if base:
    names.insert(0, base)
  return names


def split(field):
  return [x.strip() for x in field.split(";") if x.strip()]


def main():
  extra = {}
  for line in EXTRA.strip().splitlines():
    code, adj, dem, alt = (line.split("|") + ["", "", ""])[:4]
    extra[code] = (split(adj), split(dem), split(alt))
  iso = json.load(open(f"{ISO_DIR}/iso_3166-1.json", encoding="utf-8"))["3166-1"]
  out = sys.stdout
  out.write("# Countries and territories.\n"
            "# GENERATED by scripts/gen_countries.py -- edit the script, not this file:\n"
            "#   python3 scripts/gen_countries.py > data/dict/countries.dyad\n"
            "# Codes and ISO names: Debian iso-codes (ISO 3166-1/-3), LGPL-2.1+.\n"
            "# Adjectives, demonyms and alternative names: written by the dyad authors.\n\n")
  capitals = {}
  for line in CAPITALS.strip().splitlines():
    code, rest = line.split(" ", 1)
    capitals[code] = split(rest)
  missing = []
  for entry in iso + ADDED:
    a3 = entry["alpha_3"]
    code = CAMEO_CODE.get(a3, a3)
    names = []
    for key in ("common_name", "name", "official_name"):
      if key in entry:
        for n in iso_names(entry[key]):
          names.append(n)
    adj, dem, alt = extra.get(a3, ([], [], []))
    if a3 not in extra:
      missing.append(a3)
    names += alt
    # A leading article is optional in text; the matcher handles it.
    names = [n[4:] if n.lower().startswith("the ") else n for n in names]
    seen = set()
    out.write(f"country {code}\n")
    if "note" in entry:
      out.write(f"  # {entry['note']}\n")
    caps = capitals.get(a3, [])
    # Folded forms that would be common words or other places: "Malé" -> "male",
    # "San José" -> "San Jose" (California).
    skip_fold = {"Male", "San Jose"}
    for kind, values in (("name", names), ("adjective", adj), ("demonym", dem),
                         ("capital", caps)):
      for v in values:
        for form in (v, fold(v)):
          if form != v and form in skip_fold:
            continue
          if (kind, form) in seen:
            continue
          seen.add((kind, form))
          out.write(f"  {kind} {form}\n")
    out.write("\n")
  out.write("# Former states (ISO 3166-3), met in news since 2000.\n\n")
  for code, (names, adj, dem, valid) in FORMER.items():
    out.write(f"country {code}  # existed {valid}\n")
    for kind, values in (("name", names), ("adjective", adj), ("demonym", dem)):
      for v in split(values):
        out.write(f"  {kind} {v}\n")
    out.write("\n")
  if missing:
    sys.stderr.write("no EXTRA row for: " + " ".join(missing) + "\n")
    return 1
  return 0


if __name__ == "__main__":
  sys.exit(main())
