"""Welsh names of organisations in the directory, the names they use themselves in Welsh."""

from __future__ import annotations

from directory.data.local import council_slug, witness_care_slug, youth_justice_slug

# Welsh names of organisations that have one (the names they use themselves in Welsh).
# Welsh pages show them with the English name beside (directory.names).
WELSH_NAMES = {
    "south-wales-police": "Heddlu De Cymru",
    "gwent-police": "Heddlu Gwent",
    "dyfed-powys-police": "Heddlu Dyfed-Powys",
    "north-wales-police": "Heddlu Gogledd Cymru",
    "south-wales-local-policing-body": "Comisiynydd Heddlu a Throseddu De Cymru",
    "gwent-local-policing-body": "Comisiynydd Heddlu a Throseddu Gwent",
    "dyfed-powys-local-policing-body": "Comisiynydd Heddlu a Throseddu Dyfed-Powys",
    "north-wales-local-policing-body": "Comisiynydd Heddlu a Throseddu Gogledd Cymru",
    "cps-cymru-wales": "CPS Cymru-Wales (Gwasanaeth Erlyn y Goron)",
    "probation-wales": "Y Gwasanaeth Prawf: Cymru",
    "iopc": "Swyddfa Annibynnol Ymddygiad yr Heddlu (IOPC)",
    "independent-assessor-of-complaints": "Asesydd Annibynnol Cwynion Gwasanaeth Erlyn y Goron",
    "phso": "Ombwdsmon Seneddol a’r Gwasanaeth Iechyd",
    "lgsco": "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol",
    "jcio": "Swyddfa Ymchwiliadau Ymddygiad Barnwrol (JCIO)",
    "ppo": "Ombwdsmon Carchardai a’r Gwasanaeth Prawf",
    "hmcts": "Gwasanaeth Llysoedd a Thribiwnlysoedd EF (HMCTS)",
    "hm-prison-service": "Gwasanaeth Carchardai EF",
    "parole-board": "Y Bwrdd Parôl",
    "cica": "Awdurdod Digolledu am Anafiadau Troseddol (CICA)",
    "this-website": "Tîm y wefan hon",
    "central-triage": "Tîm brysbennu canolog",
}


# The 22 Welsh councils' own Welsh names. Their youth justice services and the four Welsh
# forces' Witness Care Units are named from these and the forces' Welsh names.
WELSH_COUNCIL_NAMES = {
    "Isle of Anglesey County Council": "Cyngor Sir Ynys Môn",
    "Gwynedd Council": "Cyngor Gwynedd",
    "Conwy County Borough Council": "Cyngor Bwrdeistref Sirol Conwy",
    "Denbighshire County Council": "Cyngor Sir Ddinbych",
    "Flintshire County Council": "Cyngor Sir y Fflint",
    "Wrexham County Borough Council": "Cyngor Bwrdeistref Sirol Wrecsam",
    "Ceredigion County Council": "Cyngor Sir Ceredigion",
    "Pembrokeshire County Council": "Cyngor Sir Penfro",
    "Carmarthenshire County Council": "Cyngor Sir Gâr",
    "Swansea Council": "Cyngor Abertawe",
    "Neath Port Talbot Council": "Cyngor Castell-nedd Port Talbot",
    "Bridgend County Borough Council": "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr",
    "Vale of Glamorgan Council": "Cyngor Bro Morgannwg",
    "Cardiff Council": "Cyngor Caerdydd",
    "Rhondda Cynon Taf County Borough Council": "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
    "Caerphilly County Borough Council": "Cyngor Bwrdeistref Sirol Caerffili",
    "Blaenau Gwent County Borough Council": "Cyngor Bwrdeistref Sirol Blaenau Gwent",
    "Torfaen County Borough Council": "Cyngor Bwrdeistref Sirol Torfaen",
    "Monmouthshire County Council": "Cyngor Sir Fynwy",
    "Newport City Council": "Cyngor Dinas Casnewydd",
    "Powys County Council": "Cyngor Sir Powys",
    "Merthyr Tydfil County Borough Council": "Cyngor Bwrdeistref Sirol Merthyr Tudful",
}


def local_welsh_names() -> dict[str, str]:
    names = {}
    for council, welsh in WELSH_COUNCIL_NAMES.items():
        names[council_slug(council)] = welsh
        names[youth_justice_slug(council)] = f"Gwasanaeth cyfiawnder ieuenctid ({welsh})"
    for force in ("south-wales-police", "gwent-police", "dyfed-powys-police", "north-wales-police"):
        names[witness_care_slug(force)] = f"Uned Gofal Tystion ({WELSH_NAMES[force]})"
    return names
