"""Spelling helpers and the curated-list loader."""

import tempfile
import unittest
from pathlib import Path

from gazetteers.common import DATA, DataError, data_list, data_map, data_rows, english_spelling, fold, slug


class SpellingTest(unittest.TestCase):
    def test_fold(self):
        self.assertEqual(fold("São Paulo"), "Sao Paulo")
        self.assertEqual(fold("Łódź"), "Lodz")
        self.assertEqual(fold("Xi’an"), "Xi'an")
        self.assertEqual(fold("Straße"), "Strasse")

    def test_english_spelling(self):
        self.assertEqual(english_spelling("‘Ibrī"), "Ibri")
        self.assertEqual(english_spelling("Ch’ŏngjin"), "Chongjin")
        self.assertEqual(english_spelling("Xi’an"), "Xian")  # fold keeps the apostrophe

    def test_slug(self):
        self.assertEqual(slug("Saint-Étienne"), "saint-etienne")
        self.assertEqual(slug("  St. Mary's "), "st-mary-s")
        self.assertEqual(slug("3M Co."), "3m-co")


class DataTest(unittest.TestCase):
    def write(self, text: str) -> Path:
        d = Path(tempfile.mkdtemp(prefix="gaz-data-"))
        (d / "x.tsv").write_text(text, encoding="utf-8")
        return d

    def test_comments_and_order(self):
        d = self.write("# header\nb\ta\n\na\tc\n")
        self.assertEqual(data_rows("x.tsv", 2, d), [("b", "a"), ("a", "c")])
        self.assertEqual(data_map("x.tsv", d), {"b": "a", "a": "c"})

    def test_errors_name_the_line(self):
        with self.assertRaisesRegex(DataError, r"x.tsv:3: 'a' already on line 1"):
            data_list("x.tsv", self.write("a\nb\na\n"))
        with self.assertRaisesRegex(DataError, r"x.tsv:1: 2 fields, expected 1"):
            data_list("x.tsv", self.write("a\tb\n"))
        with self.assertRaisesRegex(DataError, r"x.tsv:2: empty field or surrounding spaces"):
            data_list("x.tsv", self.write("a\nb \n"))

    def test_every_shipped_list_loads(self):
        files = sorted(DATA.iterdir())
        self.assertGreater(len(files), 15)
        for f in files:
            columns = 2 if f.suffix == ".tsv" else 1
            rows = data_rows(f.name, columns)
            self.assertTrue(rows, f.name)


if __name__ == "__main__":
    unittest.main()
