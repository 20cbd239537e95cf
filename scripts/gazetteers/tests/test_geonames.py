"""The city rules: name cleaning, spellings, shape and precision rules."""

import unittest

from gazetteers.cli import parse_args
from gazetteers.geonames import candidate_aliases, clean_name, own_spellings
from gazetteers.judge import shape_problem

from .helpers import make_judge


class NamesTest(unittest.TestCase):
    def test_clean_name(self):
        self.assertEqual(clean_name("Halle (Saale)"), ["Halle"])
        self.assertEqual(clean_name("Gasteiz / Vitoria"), ["Gasteiz", "Vitoria"])
        self.assertEqual(clean_name("Misato, Saitama"), ["Misato"])

    def test_own_spellings(self):
        self.assertIn("Sao Paulo", own_spellings("São Paulo"))
        self.assertIn("Ruesselsheim", own_spellings("Rüsselsheim"))
        self.assertIn("Goyang", own_spellings("Goyang-si"))
        forms = own_spellings("Saint-Étienne")
        for f in ("St Etienne", "St. Etienne", "Saint Etienne", "Saint-Etienne"):
            self.assertIn(f, forms)
        # The river qualifier goes only for big towns.
        self.assertIn("Hanau", own_spellings("Hanau am Main", 90_000))
        self.assertNotIn("Hanau", own_spellings("Hanau am Main", 10_000))

    def test_shape(self):
        self.assertIsNone(shape_problem("Stratford upon Avon", non_latin=False))
        self.assertIsNone(shape_problem("Goyang-si", non_latin=False))
        self.assertEqual(shape_problem("ILondon", non_latin=False), "shape:artefact")
        self.assertEqual(shape_problem("NYC", non_latin=False), "shape:all-caps")
        self.assertEqual(shape_problem("Москва", non_latin=False), "shape:non-latin")
        self.assertIsNone(shape_problem("Москва", non_latin=True))
        self.assertEqual(shape_problem("Paris 2", non_latin=False), "shape:chars")
        self.assertEqual(shape_problem("Bad word", non_latin=False), "shape:lowercase-word")

    def test_alternates_only_for_big_cities(self):
        args = parse_args([])
        city = {"name": "Sevilla", "population": 700_000, "alternatenames": ["Seville", "Twickenham", "Севилья"]}
        kinds = dict(candidate_aliases(city, args))
        self.assertEqual(kinds["Sevilla"], "name")
        self.assertEqual(kinds.get("Seville"), "alt")
        self.assertNotIn("Twickenham", kinds)  # not like the own name, city below 1M
        self.assertNotIn("Севилья", kinds)
        small = dict(city, population=50_000)
        self.assertNotIn("Seville", dict(candidate_aliases(small, args)))


class JudgeTest(unittest.TestCase):
    def setUp(self):
        self.j = make_judge()

    def test_english_words_need_a_big_city(self):
        self.assertEqual(self.j.problem("Reading", 300_000, own_name=True), "english-word")
        self.assertIsNone(self.j.problem("Nice", 2_000_000, own_name=True))
        self.assertEqual(self.j.problem("Nice", 2_000_000, own_name=False), "english-word")
        self.assertEqual(self.j.problem("Long Beach", 40_000, own_name=True), "english-phrase")

    def test_people(self):
        self.assertEqual(self.j.problem("Jackson", 200_000, own_name=True), "person-name:1000000")
        self.assertIsNone(self.j.problem("Sheffield", 500_000, own_name=True))
        self.assertEqual(self.j.problem("Victoria", 500_000, own_name=True), "person-name:1000000")
        self.assertEqual(self.j.problem("Orlando", 200_000, own_name=True), "person-name:250000")
        self.assertEqual(self.j.problem("Carlos Barbosa", 20_000, own_name=True), "person-name:100000")
        self.assertEqual(self.j.problem("Hassan", 500_000, own_name=True), "person-name:1000000")
        self.assertEqual(self.j.problem("Blair", 500_000, own_name=True), "person-name:1000000")  # hand-written person

    def test_lists_and_wordnet(self):
        self.assertEqual(self.j.problem("Ajax", 100_000, own_name=True), "wordnet:noun.person")
        self.assertIsNone(self.j.problem("Leeds", 400_000, own_name=True))
        self.assertEqual(self.j.problem("Nokia", 30_000, own_name=True), "stop-list")
        self.assertEqual(self.j.problem("President", 30_000, own_name=True), "reserved:lexicon")
        self.assertEqual(self.j.problem("Santa", 30_000, own_name=True), "prefix-word")
        self.assertEqual(self.j.problem("Ulm", 90_000, own_name=True), "short")


if __name__ == "__main__":
    unittest.main()
