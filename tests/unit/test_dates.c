/* test_dates.c: metadata dates (ISO 8601, RFC 3339, RFC 822), dates in
 * visible text in five languages, bylines and datelines, and what must be
 * refused: impossible dates, huge numbers, invalid UTF-8, long inputs. */
#include "t.h"
#include "dates.h"

static const char *meta(const char *s)
{
	static char out[11];
	int rc = dates_parse_meta(s, out);
	T_CHECK(rc == 0 || out[0] == '\0', "failure must leave out empty: %s", s);
	return rc == 0 ? out : "-";
}

/* The date dates_find reads in s, "-" for none; *at its offset. */
static const char *find(const char *s, const char *lang, long *at, size_t *len)
{
	static char out[11];
	size_t ml = 0;
	long o = dates_find(s, strlen(s), lang, out, &ml);
	if (at)
		*at = o;
	if (len)
		*len = ml;
	T_CHECK(o >= 0 || out[0] == '\0', "no date must leave out empty: %s", s);
	return o >= 0 ? out : "-";
}

TEST(meta_iso)
{
	T_EQ_STR(meta("2023-06-19T12:41:00+02:00"), "2023-06-19");
	T_EQ_STR(meta("2023-06-19T12:41:00Z"), "2023-06-19");
	T_EQ_STR(meta("2023-06-19T12:41:00.123456-05:00"), "2023-06-19");
	T_EQ_STR(meta("2023-06-19T12:41+0200"), "2023-06-19");
	T_EQ_STR(meta("2023-06-19 12:41:00"), "2023-06-19");
	T_EQ_STR(meta("  2023-06-19\n"), "2023-06-19");
	T_EQ_STR(meta("2023-06-19"), "2023-06-19");
	T_EQ_STR(meta("20230619"), "2023-06-19");
	/* The date in the stamp's own zone, not converted to UTC. */
	T_EQ_STR(meta("2023-06-20T00:30:00+02:00"), "2023-06-20");
	T_EQ_STR(meta("2023-06-19T23:30:00-08:00"), "2023-06-19");
	T_EQ_STR(meta("2024-02-29"), "2024-02-29");
}

TEST(meta_rfc822)
{
	T_EQ_STR(meta("Mon, 19 Jun 2023 10:41:00 GMT"), "2023-06-19");
	T_EQ_STR(meta("Mon, 19 Jun 2023 10:41:00 +0200"), "2023-06-19");
	T_EQ_STR(meta("Mon, 19 Jun 2023 10:41 EST"), "2023-06-19");
	T_EQ_STR(meta("Mon, 19 Jun 2023 10:41:00 Z"), "2023-06-19");
	T_EQ_STR(meta("Mon, 19 Jun 2023 10:41:00 GMT+2"), "2023-06-19");
	T_EQ_STR(meta("19 Jun 2023 10:41:00 UT"), "2023-06-19");
	T_EQ_STR(meta("Tue, 1 Aug 23 08:00:00 +0000"), "2023-08-01");
	T_EQ_STR(meta("Fri, 31 Dec 99 23:59:59 -0500"), "1999-12-31");
	T_EQ_STR(meta("19 June 2023"), "2023-06-19");
	/* Free text, when short. */
	T_EQ_STR(meta("June 19, 2023"), "2023-06-19");
	T_EQ_STR(meta("Updated: 19 giugno 2023 12:41"), "2023-06-19");
}

TEST(meta_invalid)
{
	T_EQ_STR(meta(""), "-");
	T_EQ_STR(meta("   "), "-");
	T_EQ_STR(meta("yesterday"), "-");
	T_EQ_STR(meta("2023-02-29"), "-");
	T_EQ_STR(meta("2023-02-31T10:00:00Z"), "-");
	T_EQ_STR(meta("2023-13-01"), "-");
	T_EQ_STR(meta("2023-00-10"), "-");
	T_EQ_STR(meta("2023-06-19T25:00:00Z"), "-");
	T_EQ_STR(meta("2023-06-19T12:61:00Z"), "-");
	T_EQ_STR(meta("2023-06-19 25:00"), "-");
	T_EQ_STR(meta("2023-06-19garbage"), "-");
	T_EQ_STR(meta("2023-06-19T12:41:00+02:00 and more"), "-");
	T_EQ_STR(meta("2023-6-19"), "-");
	T_EQ_STR(meta("Mon, 31 Feb 2023 10:00:00 GMT"), "-");
	T_EQ_STR(meta("Mon, 19 Jun 2023 10:41:00 +99999"), "-");
	T_EQ_STR(meta("99999999999999999999-06-19"), "-");
	T_EQ_STR(meta("2023-06-19T12:41:00.+02:00"), "-");
	T_EQ_STR(meta("\xff\xfe 2023"), "-");
	char out[11] = "x";
	T_EQ_INT(dates_parse_meta(NULL, out), -1);
	T_EQ_STR(out, "");
}

TEST(find_italian_english)
{
	long at;
	size_t len;
	const char *s = "ROMA – Pubblicato il 19 giugno 2023 12:41 dalla redazione";
	T_EQ_STR(find(s, "it", &at, &len), "2023-06-19");
	T_EQ_INT(at, strstr(s, "19 giugno") - s);
	T_EQ_MEM(s + at, len, "19 giugno 2023 12:41");
	T_EQ_STR(find("mercoledì 13 settembre 2023, alle 10.30", "it", &at, &len), "2023-09-13");
	T_EQ_INT(len, strlen("13 settembre 2023, alle 10.30"));
	T_EQ_STR(find("il 1° marzo 2022 a Kiev", "it", NULL, NULL), "2022-03-01");
	T_EQ_STR(find("Published 13 March 2007", "en", &at, &len), "2007-03-13");
	T_EQ_INT(at, 10);
	T_EQ_INT(len, 13);
	T_EQ_STR(find("March 13, 2007 at 10:41 am", "en", &at, &len), "2007-03-13");
	T_EQ_INT(at, 0);
	T_EQ_INT(len, strlen("March 13, 2007 at 10:41 am"));
	T_EQ_STR(find("Sept. 3rd 2025", "en", NULL, NULL), "2025-09-03");
	T_EQ_STR(find("on the 1st of May, 2007", "en", NULL, NULL), "2007-05-01");
	T_EQ_STR(find("Mon, 19 Jun 2023 10:41:00 GMT", NULL, NULL, NULL), "2023-06-19");
}

TEST(find_french_spanish_german)
{
	long at;
	size_t len;
	const char *s = "Publié le 3 septembre 2025 à 10h12";
	T_EQ_STR(find(s, "fr", &at, &len), "2025-09-03");
	T_EQ_MEM(s + at, len, "3 septembre 2025 à 10h12");
	T_EQ_STR(find("le 1er août 2024", "fr", NULL, NULL), "2024-08-01");
	T_EQ_STR(find("Mis à jour le 12 févr. 2024", "fr", NULL, NULL), "2024-02-12");
	T_EQ_STR(find("13 de marzo de 2007", "es", &at, &len), "2007-03-13");
	T_EQ_INT(len, strlen("13 de marzo de 2007"));
	T_EQ_STR(find("Madrid, 2 de enero del 2024 a las 10:12", "es", &at, &len), "2024-01-02");
	T_EQ_INT(len, strlen("2 de enero del 2024 a las 10:12"));
	T_EQ_STR(find("13. März 2007", "de", &at, &len), "2007-03-13");
	T_EQ_INT(len, strlen("13. März 2007"));
	T_EQ_STR(find("Stand: 4. Dezember 2023, 18:05 Uhr", "de", &at, &len), "2023-12-04");
	T_EQ_INT(len, strlen("4. Dezember 2023, 18:05 Uhr"));
	T_EQ_STR(find("Mi., 1. Jänner 2020", "de", NULL, NULL), "2020-01-01");
}

TEST(find_portuguese_dutch)
{
	long at;
	size_t len;
	T_EQ_STR(find("Publicado em 2 de outubro de 2023, às 9h00", "pt", NULL, NULL),
		 "2023-10-02");
	T_EQ_STR(find("Atualizado em 3 de março de 2024", "pt", NULL, NULL), "2024-03-03");
	const char *s = "Gepubliceerd: 5 maart 2024 14:20 · Bijgewerkt: 6 maart 2024";
	T_EQ_STR(find(s, "nl", &at, &len), "2024-03-05");	/* the first one */
	T_EQ_STR(find("woensdag 17 mei 2023", "nl", NULL, NULL), "2023-05-17");
	T_EQ_STR(find("1 okt. 2022", "nl", NULL, NULL), "2022-10-01");
}

TEST(find_numeric)
{
	long at;
	size_t len;
	T_EQ_STR(find("By Staff Reporter · 13.03.2007", NULL, &at, &len), "2007-03-13");
	T_EQ_INT(len, 10);
	T_EQ_STR(find("01/03/2008", NULL, NULL, NULL), "2008-03-01");
	T_EQ_STR(find("01/03/2008", "it", NULL, NULL), "2008-03-01");
	T_EQ_STR(find("01/03/2008", "en-GB", NULL, NULL), "2008-03-01");
	T_EQ_STR(find("01/03/2008", "en-US", NULL, NULL), "2008-01-03");
	T_EQ_STR(find("01/03/2008", "en_us", NULL, NULL), "2008-01-03");
	/* Only one order valid: that one. */
	T_EQ_STR(find("13/03/2008", "en-US", NULL, NULL), "2008-03-13");
	T_EQ_STR(find("03/13/2008", "it", NULL, NULL), "2008-03-13");
	/* Dots are day first everywhere. */
	T_EQ_STR(find("01.03.2008", "en-US", NULL, NULL), "2008-03-01");
	T_EQ_STR(find("13-03-2007", NULL, NULL, NULL), "2007-03-13");
	T_EQ_STR(find("on 2007-03-13, late", NULL, &at, NULL), "2007-03-13");
	T_EQ_INT(at, 3);
	T_EQ_STR(find("2023-06-19T12:41:00Z", NULL, NULL, NULL), "2023-06-19");
	T_EQ_STR(find("Aggiornato 19/06/2023 - 12:41", "it", &at, &len), "2023-06-19");
	T_EQ_INT(len, strlen("19/06/2023 - 12:41"));
}

TEST(find_refuses)
{
	T_EQ_STR(find("31 February 2023", "en", NULL, NULL), "-");
	T_EQ_STR(find("29 febbraio 2023", "it", NULL, NULL), "-");
	T_EQ_STR(find("29 febbraio 2024", "it", NULL, NULL), "2024-02-29");
	T_EQ_STR(find("31.04.2023", NULL, NULL, NULL), "-");
	T_EQ_STR(find("32 March 2007", "en", NULL, NULL), "-");
	T_EQ_STR(find("13/13/2008", NULL, NULL, NULL), "-");
	T_EQ_STR(find("March 2007", "en", NULL, NULL), "-");	/* no day */
	T_EQ_STR(find("13 March", "en", NULL, NULL), "-");	/* no year */
	T_EQ_STR(find("13March 2007", "en", NULL, NULL), "-");
	T_EQ_STR(find("A13 March 2007", "en", NULL, NULL), "-");
	T_EQ_STR(find("version 1.13.03.2007", NULL, NULL, NULL), "-");
	T_EQ_STR(find("13 March 20071", "en", NULL, NULL), "-");
	T_EQ_STR(find("113 March 2007", "en", NULL, NULL), "-");
	T_EQ_STR(find("13.03.2007.5", NULL, NULL, NULL), "-");
	T_EQ_STR(find("", NULL, NULL, NULL), "-");
	/* An impossible date is skipped, the next one found. */
	long at;
	const char *s = "31 February 2023, then 1 March 2023";
	T_EQ_STR(find(s, "en", &at, NULL), "2023-03-01");
	T_EQ_INT(at, strstr(s, "1 March") - s);
	/* A time that is no time stays out of the match. */
	size_t len;
	T_EQ_STR(find("13 March 2007 25:99", "en", &at, &len), "2007-03-13");
	T_EQ_INT(len, 13);
	/* Not NUL-terminated: only n bytes are read. */
	char out[11];
	T_EQ_INT(dates_find("13 March 2007", 10, "en", out, NULL), -1);
}

TEST(find_hostile)
{
	T_EQ_STR(find("99999999999999999999999 March 2007", "en", NULL, NULL), "-");
	T_EQ_STR(find("13 March 99999999999999999999", "en", NULL, NULL), "-");
	T_EQ_STR(find("4294967309.03.2007", NULL, NULL, NULL), "-");
	T_EQ_STR(find("13 \xff\xfe March 2007", "en", NULL, NULL), "-");
	T_EQ_STR(find("\xff\xfe\xc3 13 March 2007 \xe2\x80", "en", NULL, NULL), "2007-03-13");
	T_EQ_STR(find("\xc3\x28 1 mai 2023", "fr", NULL, NULL), "2023-05-01");
	/* A long input of digits, separators and month names: linear, and
	 * the one date at the end is found. */
	struct buf b = BUF_INIT;
	for (int i = 0; i < 200000; i++)
		buf_adds(&b, i % 3 ? "12.1" : "March 3");
	buf_adds(&b, " 2 May 2021");
	char out[11];
	size_t ml;
	long at = dates_find(b.data, b.len, "en", out, &ml);
	T_EQ_INT(at, (long)b.len - 10);
	T_EQ_STR(out, "2021-05-02");
	buf_free(&b);
}

TEST(find_month)
{
	char out[8];
	size_t len;
	const char *s = "Rubrica mensile \xC2\xB7 Settembre 2007 di Giovanni Lotti";
	long at = dates_find_month(s, strlen(s), out, &len);
	T_EQ_STR(out, "2007-09");
	T_EQ_INT(at, strstr(s, "Settembre") - s);
	T_EQ_INT(len, strlen("Settembre 2007"));
	T_EQ_INT(dates_find_month("in March 2007.", 14, out, NULL), 3);
	T_EQ_STR(out, "2007-03");
	T_EQ_INT(dates_find_month("im M\xC3\xA4rz 2007", 14, out, NULL), 3);
	T_EQ_STR(out, "2007-03");
	/* after a day it is a date, not a month */
	T_EQ_INT(dates_find_month("31 February 2023", 16, out, NULL), -1);
	T_EQ_STR(out, "");
	T_EQ_INT(dates_find_month("13. M\xC3\xA4rz 2007", 15, out, NULL), -1);
	T_EQ_INT(dates_find_month("March 20071", 11, out, NULL), -1);
	T_EQ_INT(dates_find_month("Marching 2007", 13, out, NULL), -1);
	T_EQ_INT(dates_find_month("March", 5, out, NULL), -1);
	T_EQ_INT(dates_find_month("", 0, out, NULL), -1);
}

static bool byline(const char *s)
{
	return dates_is_byline(s, strlen(s));
}

TEST(bylines)
{
	T_OK(byline("By Staff Reporter · 13.03.2007"));
	T_OK(byline("By STAFF REPORTER"));
	T_OK(byline("By Jane Smith and John O'Brien"));
	T_OK(byline("di Mario Rossi"));
	T_OK(byline("Di Mario Rossi e Luca Bianchi | 19 giugno 2023"));
	T_OK(byline("a cura di Anna Verdi"));
	T_OK(byline("Par Jean Dupont"));
	T_OK(byline("Por María García"));
	T_OK(byline("Von Anna Müller, Berlin"));
	T_OK(byline("Von Ursula von der Leyen"));
	T_OK(byline("  Written by Émile Zola  "));
	T_OK(byline("Published 13 March 2007"));
	T_OK(byline("Pubblicato il 14 settembre 2023 alle 10:30"));
	T_OK(byline("Aggiornato il 19/06/2023"));
	T_OK(byline("Mis à jour le 3 septembre 2025 à 10h12"));
	T_OK(byline("Publicado el 13 de marzo de 2007"));
	T_OK(byline("Veröffentlicht am 13. März 2007"));
	T_OK(byline("Mercoledì 13 settembre 2023"));
	T_OK(byline("19 giugno 2023 12:41"));
	T_OK(byline("Mario Rossi | 19 giugno 2023"));
	T_OK(byline("ROMA, 14 settembre 2023"));
	T_OK(byline("Por Luc\xC3\xAD""a Ferrer Publicado el 13 de marzo de 2007"));
	T_OK(byline("Par Jean Dupont, publi\xC3\xA9 le 3 mars 2020 \xC3\xA0 10h"));
	T_OK(byline("Published 6 May Updated 7 May"));	/* no year: still a dateline */
	T_OK(byline("Door Sanne de Wit · Gepubliceerd: 5 maart 2024 14:20"));
	T_OK(byline("Gepubliceerd op 5 maart 2024"));
	T_OK(byline("Atualizado em 3 de março de 2024"));
}

TEST(not_bylines)
{
	T_OK(!byline(""));
	T_OK(!byline("Di Maio attacca il governo sulla manovra"));
	T_OK(!byline("Par ailleurs, le gouvernement a annoncé"));
	T_OK(!byline("By the way, the council met on Tuesday"));
	T_OK(!byline("Von der Leyen sagte am Montag"));
	T_OK(!byline("Published"));	/* a date phrase without a date */
	T_OK(!byline("Il 3 settembre 2025 Pechino ha celebrato la vittoria"));
	T_OK(!byline("Bypass surgery is common"));
	T_OK(!byline("Di"));
	struct buf b = BUF_INIT;
	buf_adds(&b, "By Mario Rossi ");
	for (int i = 0; i < 40; i++)
		buf_adds(&b, "Rossi ");
	T_OK(!dates_is_byline(b.data, b.len));	/* too long for a byline */
	buf_free(&b);
	T_OK(!byline("By \xff\xfe Rossi"));
	T_OK(!byline("\x1b[31mBy\x1b[0m"));
}

T_MAIN(RUN(meta_iso); RUN(meta_rfc822); RUN(meta_invalid);
       RUN(find_italian_english); RUN(find_french_spanish_german); RUN(find_portuguese_dutch);
       RUN(find_numeric); RUN(find_refuses); RUN(find_hostile); RUN(find_month); RUN(bylines);
       RUN(not_bylines))
