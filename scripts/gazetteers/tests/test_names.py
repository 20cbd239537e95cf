"""The name lexicons: Census title case, the rules for other countries' given names, the files."""

import tempfile
import unittest
from pathlib import Path

from gazetteers.census import title_case
from gazetteers.handwritten import HandWritten
from gazetteers.name_lexicons import world_given_name_problem, write_first_names, write_surnames

from .helpers import hand_folder, make_judge


class NamesTest(unittest.TestCase):
    def setUp(self):
        self.j = make_judge()

    def test_title_case(self):
        self.assertEqual(title_case("MCDONALD"), "McDonald")
        self.assertEqual(title_case("SMITH"), "Smith")

    def test_world_given_names(self):
        self.assertIsNone(world_given_name_problem("Mihai", self.j, {}))
        self.assertIsNone(world_given_name_problem("Jean-Claude", self.j, {}))
        self.assertEqual(world_given_name_problem("Li", self.j, {}), "shape")
        self.assertEqual(world_given_name_problem("McX", self.j, {}), "shape")
        self.assertEqual(world_given_name_problem("Villa", self.j, {}), "english word")
        self.assertEqual(world_given_name_problem("Royal", self.j, {}), "reserved")
        self.assertEqual(world_given_name_problem("London", self.j, {}), "gazetteer")
        self.assertEqual(world_given_name_problem("Lima", self.j, {"lima": "place:lima"}), "gazetteer")
        self.assertIsNone(world_given_name_problem("Ajax", self.j, {}))  # WordNet knows a person too
        self.assertEqual(world_given_name_problem("Orion", self.j, {}), "wordnet:noun.object")
        self.assertEqual(world_given_name_problem("Muslim", self.j, {}), "wordnet:group")

    def test_files(self):
        d = Path(tempfile.mkdtemp(prefix="gaz-names-"))
        first = {"Mary": 2.6, "Jordan": 0.1, "Will": 0.2, "Jo": 0.01}
        census, world, written = write_first_names(first, {"Mihai", "José", "Jesús", "Villa"}, self.j, {}, d / "first.txt")
        self.assertEqual((census, world), (2, 4))  # Jesus is dropped, Villa a word, Jordan a place
        lines = [l for l in (d / "first.txt").read_text().splitlines() if not l.startswith("#")]
        self.assertEqual(lines, ["Jo", "Mary", "Jesús", "Jose", "José", "Mihai"])
        self.assertEqual(write_surnames({"Smith": 1, "Jones": 5, "Brown": 4}, d / "last.txt", 2), 2)
        lines = [l for l in (d / "last.txt").read_text().splitlines() if not l.startswith("#")]
        self.assertEqual(lines, ["Smith", "Brown"])

    def test_handwritten_reserves_forms(self):
        hand = HandWritten(hand_folder())
        self.assertEqual(hand.owner["londoners"]["id"], "place:london")
        self.assertIn("blair", hand.person_tokens)
        self.assertNotIn("ira", hand.loose_keys)  # an acronym matches case-sensitively
        self.assertIn("jordan", hand.loose_keys)


class NamDictTest(unittest.TestCase):
    def test_parse(self):
        from gazetteers.nam_dict import parse

        def line(code, name, mark=" ", freqs="   5"):
            return f"{code:<3}{name:<26}{mark}{freqs}$"

        lines = [
            "# comment",
            "=  Abby Abigail",
            line("M", "Mushtaq"),
            line("F", "Käte", "+"),  # a duplicate sorted with expanded umlauts: skipped
            line("F", "Käte", "-"),
            line("M", "Jun+Wei"),
            line("M", "Sinclair", freqs="1"),  # rare in every country: often a surname or place
            line("M", "Pere", freqs="     3                       2 2"),
        ]
        self.assertEqual(parse(lines), {"Mushtaq", "Käte", "Jun-Wei", "Jun Wei", "JunWei", "Pere"})
        self.assertIn("Sinclair", parse(lines, min_frequency=1))

    def test_rules_and_file(self):
        from gazetteers.name_lexicons import write_nam_dict_names

        d = Path(tempfile.mkdtemp(prefix="gaz-names-"))
        n = write_nam_dict_names({"Mushtaq", "Mary", "Villa", "Jun Wei", "Şükrü", "Li"}, {"Mary"}, make_judge(), {}, d / "nd.txt")
        lines = (d / "nd.txt").read_text(encoding="utf-8").splitlines()
        self.assertTrue(any("Free Documentation License" in l for l in lines if l.startswith("#")))
        self.assertEqual([l for l in lines if not l.startswith("#")], ["Mushtaq", "Sukru", "Şükrü"])
        self.assertEqual(n, 3)


if __name__ == "__main__":
    unittest.main()
