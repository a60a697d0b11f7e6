#!/usr/bin/env python3
"""Writes data/passwords/common.txt: passwords people pick first, that are long enough to pass
the length rule (10 characters) and so need a list to be refused. Made here from words and
endings seen everywhere (keyboard rows, counting, "password", names of places and gods,
cricketers, years), not copied from any published list. Run it again after editing the words."""

import itertools
import pathlib

WORDS = """password passw0rd p@ssword p@ssw0rd welcome welcome1 admin administrator qwerty qwertyuiop
asdfghjkl zxcvbnm qwertyui asdfgh zxcvbn iloveyou iloveu loveyou india bharat hindustan incredible
jaipur jodhpur udaipur ajmer kota bikaner rajasthan delhi newdelhi mumbai kolkata chennai bangalore
hyderabad pune lucknow sahayak cyber cybercell police rajpolice letmein sunshine princess football
cricket monkey dragon master shadow superman batman spiderman computer internet krishna radhe
radhekrishna ganesh ganpati shiva mahadev harharmahadev jaishreeram jaishriram ram sitaram hanuman
bajrang jaimatadi omnamahshivaya jaihind vandemataram sachin tendulkar dhoni msdhoni virat kohli
rohit changeme default secret abcdef abcdefgh abcdefghij test testing guest user login sairam
omsairam baba mother father family happy lucky angel flower summer winter monsoon diwali holi
google facebook whatsapp instagram samsung nokia airtel jio bsnl office manager supervisor
counsellor district national student teacher doctor engineer""".split()

ENDINGS = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "@1", "@12", "@123", "@1234",
           "@12345", "#123", "#1234", "!", "1!", "123!", "@123!", "01", "007", "786", "143", "2020",
           "2021", "2022", "2023", "2024", "2025", "2026", "2027", "@2024", "@2025", "@2026", "@2027"]

PATTERNS = """1234567890 0123456789 0987654321 9876543210 12345678910 123456789012 1234567890123
1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc zaq12wsxcde3 qazwsxedcrfv qweasdzxc123 123qweasdzxc
qwerty12345 qwerty123456 qwertyuiop123 asdfghjkl123 1234qwerasdf abc1234567 abcd123456
abcde12345 a1b2c3d4e5 1a2b3c4d5e 11223344556677 1122334455 1212121212 1231231231 9999999999
asdfasdfasdf qwerqwerqwer""".split()


def main() -> None:
    found = set(PATTERNS)
    for word, ending in itertools.product(WORDS, ENDINGS):
        for w in {word, word.replace("a", "@"), word.replace("o", "0")}:
            found.add(w + ending)
    keep = sorted(p for p in found if len(p) >= 10)
    out = pathlib.Path(__file__).resolve().parent.parent / "data" / "passwords" / "common.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(p + "\n" for p in keep))
    print(f"{len(keep)} passwords written to {out}")


main()
