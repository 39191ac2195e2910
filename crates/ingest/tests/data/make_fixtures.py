#!/usr/bin/env python3
"""Writes the ingest test fixtures with exact bytes (encodings, BOMs, line endings).

Run from this folder: python3 make_fixtures.py. The files are committed; this script
documents how their bytes came about (a text editor would silently re-encode them).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text, encoding="utf-8", newline="\n", bom=b""):
    data = bom + text.replace("\n", newline).encode(encoding)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# German Excel "CSV (Trennzeichen-getrennt)": ; delimiter, decimal comma, cp1252, CRLF.
write("semicolon_decimal_comma_cp1252.csv", """Kunde;Beginn;Kündigungsdatum;Betrag;Abrechnungsintervall;Tarif
Müller GmbH;01.03.2024;;1.234,50 €;monatlich;Groß
Bäckerei Schäfer;15.01.2024;31.12.2024;99,00 €;jährlich;Basis
Öko Süd;01.07.25;;12,5;quartalsweise;Spaß
""", "cp1252", "\r\n")

write("bom_utf8.csv", """Kunde,Rechnungsdatum,Betrag
ACME Corp,2025-01-31,100.50
Straße & Söhne,2025-02-28,2000
""", bom=b"\xef\xbb\xbf")

# Excel "Unicode-Text": UTF-16LE with BOM, tab-delimited.
write("utf16le_bom.csv", """Datum\tBewertung\tKommentar
03.02.2025\t9\tSehr gut, danke
04.02.2025\t3\t„Zu langsam“ – bitte schneller
""", "utf-16-le", "\r\n", b"\xff\xfe")

write("quoted_newlines.csv", '''Date,Score,Comment,Email
2025-01-05,10,"Great
product, love it",a@example.com
2025-01-06,abc,"Line one
Line two
Line three",b@example.com
2025-01-07,7,"She said ""ok""",c@example.com
''')

write("ragged_rows.csv", """customer,date,amount
A,2025-01-01,10.00
B,2025-01-02,20.00,extra
C,2025-01-03
D,2025-01-04,40.00
""")

write("repeated_header.csv", """Kunde;Rechnungsdatum;Betrag
A;01.01.2025;10,00
B;02.01.2025;20,00
Kunde;Rechnungsdatum;Betrag
C;03.01.2025;30,00

Summe;;60,00
""")

# Copied from an Excel sheet and pasted into a text file: tabs, German formats.
write("excel_paste.tsv", """Deal-Name\tPhase\tBetrag\tErstellt am\tAbschlussdatum\tQuelle
Projekt Alpha\tGewonnen\t12.500,00 €\t03.02.2025\t28.02.2025\tWebsite
Projekt Beta\tVerloren\t7.000,00 €\t10.02.2025\t15.03.2025\tEmpfehlung
Projekt Gamma\tAngebot\t3.250,50 €\t01.03.2025\t\tMesse
""")

write("ambiguous_dates.csv", """customer,invoice date,amount
A,01/02/2025,10.00
B,03/04/2025,20.00
C,05/06/2025,30.00
""")

write("thousands_separators.csv", """customer,invoice date,amount,period
A,2025-01-01,"1,234.56",1
B,2025-01-02,"12,345,678.90",12
C,2025-01-03,999,3
D,2025-01-04,1 000.50,1
""")

# Excel's "sep=;" first line names the delimiter; it is not a data row.
write("excel_sep_line.csv", """sep=;
Kunde;Rechnungsdatum;Betrag
A;01.01.2025;10,00
B;02.01.2025;1.000,00
""", newline="\r\n")

# A report export with a title block above the table.
write("report_title_rows.csv", """Deals report Q1 2025
Exported 2025-04-01

Deal Name,Deal Stage,Amount,Create Date
Alpha,Closed Won,100,2025-01-05
Beta,Closed Lost,200.5,2025-02-06

Gamma,Qualified,300,2025-03-07
""")

write("empty.csv", "")
write("header_only.csv", "Kunde;Beginn;Betrag\n", newline="\r\n")
write("whitespace_only.csv", "  \n\n\t\n")

write("stripe_subscriptions.csv", """id,Customer ID,Customer Email,Plan,Quantity,Interval,Amount,Status,Created (UTC),Start (UTC),Current Period Start (UTC),Canceled At (UTC),Ended At (UTC)
sub_1,cus_A,a@example.com,Pro,1,month,49.00,active,2024-01-15 10:23,2024-01-15 10:23,2025-01-15 10:23,,
sub_2,cus_B,b@example.com,Team,3,month,20.00,canceled,2024-02-01 08:00,2024-02-01 08:00,2024-06-01 08:00,2024-06-10 09:00,2024-07-01 08:00
sub_3,cus_C,c@example.com,Pro Annual,1,year,490.00,active,2024-03-31 23:59,2024-03-31 23:59,2025-03-31 23:59,,
""")

write("invoices_de_cp1252.csv", """Rechnungsnummer;Rechnungsdatum;Kundennummer;Nettobetrag;Leistungszeitraum;Bemerkung
RE-2025-001;15.01.2025;K-001;1.200,00;12;Jahresvertrag Müller
RE-2025-002;15.01.2025;K-002;99,90;1;
RE-2025-003;15.02.2025;K-002;99,90;monatlich;
RE-2025-004;15.02.2025;K-003;-50,00;1;Gutschrift für März
""", "cp1252", "\r\n")

write("surveys_de.csv", """Datum;NPS;Kommentar;Kundennummer;Segment
05.01.2025;10;Super Service!;K-001;Enterprise
06.01.2025;6;„Zu teuer“;K-002;SMB
07.01.2025;0;;K-003;SMB
""")

write("delighted_nps.csv", """Response ID,Email,Name,Score,Comment,Response Timestamp,Survey Type
r1,a@example.com,Ann,9,"Love it, really",2025-02-01 10:00:00 UTC,NPS
r2,b@example.com,Bob,4,,2025-02-02 11:00:00 UTC,nps
""")

write("zendesk_tickets.csv", """Id,Requester,Requester email,Organization,Subject,Status,Priority,Type,Via,Created at,Updated at,Solved at,First reply time in minutes,Full resolution time in minutes,Replies
101,Anna,anna@example.com,ACME,Login broken,solved,high,problem,Mail,2025-03-03 09:00,2025-03-03 12:00,2025-03-03 11:30,45,150,2
102,Ben,ben@example.com,Beta,Invoice question,open,normal,question,Web form,2025-03-04 14:15,2025-03-04 15:00,,,,0
""")

write("tickets_de_cp1252.csv", """Ticketnummer;Erstellt am;Erste Antwort am;Gelöst am;Kanal;Priorität;Typ;Kunde;Kontakte;Beim ersten Kontakt gelöst
T-1;03.03.2025 09:00;03.03.2025 09:30;03.03.2025 11:00;E-Mail;hoch;Störung;Müller GmbH;1;ja
T-2;03.03.2025 10:15;03.03.2025 12:00;05.03.2025 16:45;Telefon;normal;Frage;Bäcker AG;3;nein
T-3;04.03.2025 08:00;;;Chat;dringend;Beschwerde;Öko Süd;;
T-4;31.02.2025 08:00;;;Chat;normal;Frage;Öko Süd;;
""", "cp1252", "\r\n")

write("hubspot_deals.csv", """Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Pipeline,Deal owner,Original Source Type
9001,Acme renewal,Closed Won,"12,000.00",01/31/2025 10:00,12/15/2024 09:30,Sales Pipeline,Jane Doe,Organic Search
9002,Beta expansion,Closed Lost,5000,02/28/2025 00:00,01/20/2025 11:00,Sales Pipeline,John Roe,Referrals
9003,Gamma new,Appointment Scheduled,750.50,,02/14/2025 16:45,Sales Pipeline,Jane Doe,Paid Search
9004,Delta early,Qualified To Buy,,,03/01/2025 08:00,Sales Pipeline,,Direct Traffic
""")

write("salesforce_opportunities.csv", """Opportunity ID,Opportunity Name,Account Name,Stage,Amount,Created Date,Close Date,Won,Closed,Lead Source
0061,Big Deal,ACME,Closed Won,"$25,000.00",1/5/2025,3/31/2025,1,1,Web
0062,Lost Deal,Beta,Closed Lost,"$8,500.00",1/20/2025,2/15/2025,0,1,Partner
0063,Open Deal,Gamma,Negotiation/Review,"$4,200.00",2/10/2025,6/30/2025,0,0,Phone Inquiry
""")

write("leads_de_cp1252.csv", """Lead-ID;Eingangsdatum;Erstkontakt am;Quelle
L-1;31.12.2025 14:05;02.01.2026 09:00;Website
L-2;01.12.2025 08:30;;Messe München
""", "cp1252", "\r\n")

write("usage_events.csv", """timestamp,user_id,account_id,event,session_duration_seconds
2025-04-01T08:00:00Z,u1,acc1,login,300
2025-04-01T10:30:00+02:00,u2,acc1,export,125.5
2025-04-02 12:00:00,u1,acc2,report_viewed,
""")

write("costs_de_cp1252.csv", """Monat;Vertriebskosten;Marketingkosten;Customer Success
Jan 2025;12.500,00 €;8.000,00 €;4.250,50 €
Feb 2025;13.000,00 €;7.500,00 €;4.300,00 €
März 2025;12.750,00 €;9.100,00 €;4.280,75 €
Summe;38.250,00 €;24.600,00 €;12.831,25 €
""", "cp1252", "\r\n")

# csv-spectrum (github.com/max-mapper/csv-spectrum): each case and its expected records.
SPECTRUM = {
    "comma_in_quotes": ('first,last,address,city,zip\nJohn,Doe,120 any st.,"Anytown, WW",08123\n', "\n"),
    "empty": ('a,b,c\n1,"",""\n2,3,4\n', "\n"),
    "empty_crlf": ('a,b,c\n1,"",""\n2,3,4\n', "\r\n"),
    "escaped_quotes": ('a,b\n1,"ha ""ha"" ha"\n3,4\n', "\n"),
    "json": ('key,val\n1,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}"\n', "\n"),
    "newlines": ('a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n', "\n"),
    "newlines_crlf": ('a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n', "\r\n"),
    "quotes_and_newlines": ('a,b\n1,"ha \n""ha"" \nha"\n3,4\n', "\n"),
    "simple": ("a,b,c\n1,2,3\n", "\n"),
    "simple_crlf": ("a,b,c\n1,2,3\n", "\r\n"),
    "utf8": ("a,b,c\n1,2,3\n4,5,ʤ\n", "\n"),
}
EXPECTED = {
    "comma_in_quotes": [{"first": "John", "last": "Doe", "address": "120 any st.", "city": "Anytown, WW", "zip": "08123"}],
    "empty": [{"a": "1", "b": "", "c": ""}, {"a": "2", "b": "3", "c": "4"}],
    "empty_crlf": [{"a": "1", "b": "", "c": ""}, {"a": "2", "b": "3", "c": "4"}],
    "escaped_quotes": [{"a": "1", "b": 'ha "ha" ha'}, {"a": "3", "b": "4"}],
    "json": [{"key": "1", "val": '{"type": "Point", "coordinates": [102.0, 0.5]}'}],
    "newlines": [{"a": "1", "b": "2", "c": "3"}, {"a": "Once upon \na time", "b": "5", "c": "6"}, {"a": "7", "b": "8", "c": "9"}],
    "newlines_crlf": [{"a": "1", "b": "2", "c": "3"}, {"a": "Once upon \r\na time", "b": "5", "c": "6"}, {"a": "7", "b": "8", "c": "9"}],
    "quotes_and_newlines": [{"a": "1", "b": 'ha \n"ha" \nha'}, {"a": "3", "b": "4"}],
    "simple": [{"a": "1", "b": "2", "c": "3"}],
    "simple_crlf": [{"a": "1", "b": "2", "c": "3"}],
    "utf8": [{"a": "1", "b": "2", "c": "3"}, {"a": "4", "b": "5", "c": "ʤ"}],
}
for name, (text, nl) in SPECTRUM.items():
    write(os.path.join("csv-spectrum", name + ".csv"), text, newline=nl)
    with open(os.path.join(HERE, "csv-spectrum", name + ".json"), "w", encoding="utf-8") as f:
        json.dump(EXPECTED[name], f, ensure_ascii=False, indent=2)
        f.write("\n")
