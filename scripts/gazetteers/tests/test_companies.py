"""The company rules: suffixes, forms, countries and which forms need support."""

import unittest

from gazetteers.companies import (
    DESCRIPTIVE_SUFFIXES,
    LEGAL_FORMS,
    LEGAL_SUFFIXES,
    CompanyForms,
    CompanyJudge,
    company_country,
    strip_suffixes,
)

from .helpers import make_judge


class FormsTest(unittest.TestCase):
    def test_strip_suffixes(self):
        self.assertEqual(strip_suffixes("Roche Holding AG", LEGAL_SUFFIXES), ("Roche", ["AG", "Holding"]))
        self.assertEqual(strip_suffixes("KSB SE & Co. KGaA", LEGAL_SUFFIXES)[0], "KSB")
        self.assertEqual(strip_suffixes("Infineon Technologies", DESCRIPTIVE_SUFFIXES)[0], "Infineon")
        self.assertNotIn("Group", LEGAL_FORMS)
        self.assertIn("Inc.", LEGAL_FORMS)

    def test_company_forms(self):
        f = CompanyForms("Target Corporation")
        self.assertEqual((f.full, f.short), ("Target Corporation", "Target"))
        self.assertEqual(f.variants, ["Target Corp.", "Target Corp"])
        f = CompanyForms("The Infineon Technologies AG")
        self.assertEqual((f.full, f.short, f.core), ("Infineon Technologies AG", "Infineon Technologies", "Infineon"))
        f = CompanyForms("Bayer", "Aktiengesellschaft")
        self.assertEqual(f.variants, ["Bayer AG"])
        self.assertEqual(CompanyForms("Rio Tinto (corporation)").full, "Rio Tinto")

    def test_country(self):
        places = {"germany": {"attrs": {"iso2": "DE"}}}
        self.assertEqual(company_country({"Germany"}, {"DAX"}, places), "DE")
        self.assertEqual(company_country({"United States"}, {"S&P 500"}, places), "US")
        self.assertEqual(company_country({""}, {"FTSE 100"}, places), "GB")


class CompanyJudgeTest(unittest.TestCase):
    def setUp(self):
        self.cj = CompanyJudge(make_judge())

    def test_support_needed(self):
        self.assertEqual(self.cj.problem("Target", major=True, kind="short"), "ambiguous:english-word")
        self.assertEqual(self.cj.problem("Hilton", major=True, kind="short"), "ambiguous:surname")
        self.assertEqual(self.cj.problem("Vinci", major=True, kind="short"), "ambiguous:listed")
        self.assertIsNone(self.cj.problem("Infineon", major=True, kind="core"))

    def test_dropped(self):
        self.assertEqual(self.cj.problem("News", major=True, kind="short"), "drop:stop-list")
        self.assertEqual(self.cj.problem("AES", major=False, kind="full"), "drop:short-acronym")
        self.assertIsNone(self.cj.problem("AES", major=True, kind="full"))
        self.assertEqual(self.cj.problem("Bancorp Inc.", major=True, kind="full"), "drop:generic")
        self.assertIsNone(self.cj.problem("BT", major=True, kind="short"))


if __name__ == "__main__":
    unittest.main()
