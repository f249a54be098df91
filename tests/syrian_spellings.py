"""Spellings of three Syrian places met in reports, and where the places are (GeoNames points)."""

ABU_KAMAL = (34.45226, 40.91854)
DEIR_EZ_ZOR = (35.33588, 40.14084)
RAQQA = (35.95283, 39.00788)

SPELLINGS = [
    (["al-Bukamal", "Al-Bukamel", "Abu Kamal", "Albu Kamal", "Bukamal", "البوكمال"], ABU_KAMAL),
    (["Deir e-Zor", "Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "دير الزور"], DEIR_EZ_ZOR),
    (["Raqqa", "ar-Raqqah", "Al Raqqah", "Rakka", "الرقة"], RAQQA),
]
