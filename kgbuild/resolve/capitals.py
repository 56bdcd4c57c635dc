"""Capitals that stand for their country's government ("Moscow said", "Beijing denied").

Only capitals whose name is not also a common name for another place are listed, so a
link from a capital to its country is unambiguous (no "Victoria", "Kingston",
"Georgetown", "Santiago").
"""

from __future__ import annotations

CAPITAL_OF: dict[str, str] = {
    "Abu Dhabi": "United Arab Emirates", "Abuja": "Nigeria", "Accra": "Ghana",
    "Addis Ababa": "Ethiopia", "Algiers": "Algeria", "Amman": "Jordan", "Ankara": "Turkey",
    "Ashgabat": "Turkmenistan", "Asmara": "Eritrea", "Astana": "Kazakhstan", "Athens": "Greece",
    "Baghdad": "Iraq", "Baku": "Azerbaijan", "Bamako": "Mali", "Bangkok": "Thailand",
    "Beijing": "China", "Beirut": "Lebanon", "Belgrade": "Serbia", "Berlin": "Germany",
    "Bern": "Switzerland", "Bishkek": "Kyrgyzstan", "Bogota": "Colombia", "Brasilia": "Brazil",
    "Bratislava": "Slovakia", "Brussels": "Belgium", "Bucharest": "Romania", "Budapest": "Hungary",
    "Buenos Aires": "Argentina", "Cairo": "Egypt", "Canberra": "Australia", "Caracas": "Venezuela",
    "Chisinau": "Moldova", "Colombo": "Sri Lanka", "Copenhagen": "Denmark", "Dakar": "Senegal",
    "Damascus": "Syria", "Dhaka": "Bangladesh", "Doha": "Qatar", "Dublin": "Ireland",
    "Dushanbe": "Tajikistan", "Hanoi": "Vietnam", "Harare": "Zimbabwe", "Havana": "Cuba",
    "Helsinki": "Finland", "Islamabad": "Pakistan", "Jakarta": "Indonesia", "Kabul": "Afghanistan",
    "Kampala": "Uganda", "Kathmandu": "Nepal", "Khartoum": "Sudan", "Kyiv": "Ukraine",
    "Kiev": "Ukraine", "Kigali": "Rwanda", "Kinshasa": "Democratic Republic of the Congo",
    "Kuala Lumpur": "Malaysia", "Lima": "Peru", "Lisbon": "Portugal", "Ljubljana": "Slovenia",
    "London": "United Kingdom", "Luanda": "Angola", "Lusaka": "Zambia", "Madrid": "Spain",
    "Managua": "Nicaragua", "Manila": "Philippines", "Maputo": "Mozambique", "Minsk": "Belarus",
    "Mogadishu": "Somalia", "Monrovia": "Liberia", "Moscow": "Russia", "Muscat": "Oman",
    "Nairobi": "Kenya", "Naypyidaw": "Myanmar", "New Delhi": "India", "Niamey": "Niger",
    "Nicosia": "Cyprus", "Oslo": "Norway", "Ottawa": "Canada", "Ouagadougou": "Burkina Faso",
    "Paris": "France", "Phnom Penh": "Cambodia", "Prague": "Czech Republic", "Pretoria": "South Africa",
    "Pyongyang": "North Korea", "Quito": "Ecuador", "Rabat": "Morocco", "Reykjavik": "Iceland",
    "Riga": "Latvia", "Riyadh": "Saudi Arabia", "Rome": "Italy", "Sanaa": "Yemen",
    "Seoul": "South Korea", "Skopje": "North Macedonia", "Sofia": "Bulgaria", "Stockholm": "Sweden",
    "Taipei": "Taiwan", "Tallinn": "Estonia", "Tashkent": "Uzbekistan", "Tbilisi": "Georgia",
    "Tegucigalpa": "Honduras", "Tehran": "Iran", "Tirana": "Albania", "Tokyo": "Japan",
    "Tripoli": "Libya", "Tunis": "Tunisia", "Ulaanbaatar": "Mongolia", "Vienna": "Austria",
    "Vilnius": "Lithuania", "Warsaw": "Poland", "Washington": "United States",
    "Wellington": "New Zealand", "Yerevan": "Armenia", "Zagreb": "Croatia",
}
