#!/usr/bin/python3
"""24SevenOffice SOAP emulator for dagbok's tests (standard library + python3-xmlschema).

Every request body is validated against the schemas of the published WSDLs
(../shared/specs/24sevenoffice/wsdl); the answers follow
research/accounting-apis.md §3 and §7: Login returns a session id (empty for
bad credentials) sent back as the ASP.NET_SessionId cookie, logins are
throttled per username, a session can be expired on cue, 7,200 requests an
hour, SaveBundleList answers Ok / NotSaved / DuplicateData.

    emulator.py --specs DIR --port 0 --port-file F [--user kasse@butikk.no:hemmelig]

Control endpoints (JSON):
    POST /_emulator/fail    {"next": 2, "status": 500, "fault": "…", "after": false, "op": ""}
                            the next N calls fail; "after": true saves first, then fails (unclear outcome); "op" only that operation
    POST /_emulator/expire  every session becomes stale
    POST /_emulator/config  {"login_interval": 0, "hourly_limit": 7200, "years": [2026]}
    GET  /_emulator/ledger  {"bundles": [...], "logins": n, "requests": n, "invalid": [...]}
"""
import argparse
import decimal
import json
import os
import re
import sys
import tempfile
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import xmlschema

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
WS = "http://24sevenOffice.com/webservices"
ACC = "http://24sevenoffice.com/webservices/economy/accounting/"
XSD = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"

SERVICES = {  # path (lower case) -> wsdl file
    "/authenticate/v001/authenticate.asmx": "authService.wsdl",
    "/client/v001/clientservice.asmx": "clientService.wsdl",
    "/economy/account/v004/accountservice.asmx": "accountService.wsdl",
    "/economy/accounting/v001/transactionservice.asmx": "transactionService.wsdl",
}

IDENTITIES = [
    {"Id": "11111111-1111-1111-1111-111111111111", "ClientId": 1001, "Name": "Butikken AS"},
    {"Id": "22222222-2222-2222-2222-222222222222", "ClientId": 1002, "Name": "Butikken Bergen AS"},
]
DEPARTMENTS = [(7, "Butikk Oslo"), (8, "Butikk Bergen")]
TRANSACTION_TYPES = [(1, 3, "Dagsoppgjør"), (2, 1, "Diverse")]  # Id, No, Title
ACCOUNTS = [(1900, "Kontanter"), (1920, "Bankinnskudd"), (1940, "Kortterminal"), (1500, "Kundefordringer"),
            (2400, "Leverandørgjeld"), (2700, "Utgående mva"), (2701, "Utgående mva 25 %"),
            (2702, "Utgående mva 15 %"), (2703, "Utgående mva 12 %"), (3000, "Salgsinntekt"),
            (3001, "Salgsinntekt 25 %"), (3002, "Salgsinntekt 15 %"), (3003, "Salgsinntekt 12 %"),
            (3100, "Salgsinntekt fritatt"), (3740, "Øreavrunding"), (7770, "Bankgebyr"),
            (1580, "Gavekort"), (2900, "Annen kortsiktig gjeld"), (1910, "Kasse 2"), (1580, "Tilgodelapp"),
            (7790, "Kassedifferanse"), (1570, "Forskudd")]
TAX_CODES = [(3, "Utgående mva høy sats", "25"), (31, "Utgående mva middels sats", "15"),
             (33, "Utgående mva lav sats", "12"), (5, "Fritatt", "0")]


def load_schemas(wsdl_dir, tmp):
    """The schemas of each WSDL's <wsdl:types>, as files (the WSDL's namespace
    declarations copied onto each, imports pointed at each other)."""
    schemas = {}
    for path, name in SERVICES.items():
        text = open(os.path.join(wsdl_dir, name), encoding="utf-8").read()
        root_tag = re.search(r"<wsdl:definitions\b[^>]*>", text).group(0)
        decls = " ".join(re.findall(r'xmlns:\w+="[^"]*"', root_tag))
        blocks = re.findall(r"<s:schema\b.*?</s:schema>", text, re.S)
        files = {}
        for i, block in enumerate(blocks):
            ns = re.search(r'targetNamespace="([^"]*)"', block.split(">", 1)[0]).group(1)
            files[ns] = os.path.join(tmp, "%s.%d.xsd" % (name, i))
        main = None
        for i, block in enumerate(blocks):
            head, rest = block.split(">", 1)
            ns = re.search(r'targetNamespace="([^"]*)"', head).group(1)
            own = set(re.findall(r"xmlns:(\w+)=", head))
            extra = " ".join(d for d in decls.split(" ") if d.split("=")[0][6:] not in own)
            for other, f in files.items():
                rest = rest.replace('<s:import namespace="%s" />' % other,
                                    '<s:import namespace="%s" schemaLocation="%s" />' % (other, f))
            with open(files[ns], "w", encoding="utf-8") as out:
                out.write(head + " " + extra + ">" + rest)
            if ns in (WS, ACC):
                main = files[ns]
        schemas[path] = xmlschema.XMLSchema(main)
    return schemas


def local(tag):
    return tag.rsplit("}", 1)[-1]


def kid(el, name):
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def kid_text(el, name, default=""):
    c = kid(el, name) if el is not None else None
    return c.text or "" if c is not None else default


def esc(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def envelope(inner):
    return ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="%s" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>%s</soap:Body></soap:Envelope>'
            % (SOAP, inner))


def fault(message, code="soap:Server"):
    return envelope("<soap:Fault><faultcode>%s</faultcode><faultstring>%s</faultstring></soap:Fault>"
                    % (code, esc(message)))


def response(op, ns, result_xml):
    return envelope('<%sResponse xmlns="%s"><%sResult>%s</%sResult></%sResponse>' % (op, ns, op, result_xml, op, op))


class Emulator:
    def __init__(self, schemas, users):
        self.lock = threading.Lock()
        self.schemas = schemas
        self.users = users
        self.sessions = {}  # sid -> {"user":, "identity":}
        self.last_login = {}
        self.login_interval = 0.0
        self.hourly_limit = 7200
        self.window = []  # request times
        self.years = None  # None: every year is set up
        self.fail_next = 0
        self.fail_status = 500
        self.fail_fault = "Server was unable to process request."
        self.fail_after = False
        self.fail_op = ""
        self.bundles = []
        self.logins = 0
        self.requests = 0
        self.invalid = []
        self.next_transaction_no = 1000

    # --- the service -------------------------------------------------------
    def handle(self, path, headers, body):
        schema = self.schemas.get(path.lower())
        if schema is None:
            return 404, fault("No such service: " + path, "soap:Client")
        try:
            root = ET.fromstring(body)
        except ET.ParseError as e:
            self.invalid.append("not XML: %s" % e)
            return 400, fault("Request is not well-formed XML: %s" % e, "soap:Client")
        b = kid(root, "Body") if local(root.tag) == "Envelope" else None
        op_el = next(iter(b), None) if b is not None else None
        if op_el is None:
            self.invalid.append("no SOAP body")
            return 400, fault("No SOAP body", "soap:Client")
        op = local(op_el.tag)
        action = headers.get("SOAPAction", "").strip('"')
        ns = op_el.tag[1:].split("}")[0] if op_el.tag.startswith("{") else ""
        if action != (ns if ns.endswith("/") else ns + "/") + op:
            self.invalid.append("%s: SOAPAction %r" % (op, action))
            return 500, fault("Server did not recognize the value of HTTP Header SOAPAction: " + action, "soap:Client")
        errors = [str(e.reason or e.message) for e in schema.iter_errors(op_el)]
        if errors:
            self.invalid.append("%s: %s" % (op, errors[0]))
            return 500, fault("Server was unable to read request. ---> " + errors[0], "soap:Client")
        self.requests += 1
        now = time.time()
        self.window = [t for t in self.window if now - t < 3600] + [now]
        if len(self.window) > self.hourly_limit:
            ends = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(self.window[0] + 3600))
            return 500, fault("Limit exceeded by %d. Request is blocked. Quarantine ends at %s"
                              % (len(self.window) - self.hourly_limit, ends))
        failing = self.fail_next > 0 and self.fail_op in ("", op)
        if failing and not self.fail_after:
            self.fail_next -= 1
            return self.fail_status, fault(self.fail_fault)
        status, answer = self.dispatch(op, ns, op_el, headers)
        if failing and self.fail_after:
            self.fail_next -= 1
            return self.fail_status, fault(self.fail_fault)
        return status, answer

    def session(self, headers):
        m = re.search(r"ASP\.NET_SessionId=([^;\s]+)", headers.get("Cookie", ""))
        return self.sessions.get(m.group(1)) if m else None

    def dispatch(self, op, ns, el, headers):
        if op == "Login":
            c = kid(el, "credential")
            user, pw = kid_text(c, "Username"), kid_text(c, "Password")
            now = time.time()
            if now - self.last_login.get(user, -1e9) < self.login_interval:
                return 500, fault("Too many logins for %s. Your requests are throttled." % user)
            self.last_login[user] = now
            self.logins += 1
            if self.users.get(user) != pw or not kid_text(c, "ApplicationId"):
                return 200, response(op, ns, "")
            sid = uuid.uuid4().hex
            ident = kid_text(c, "IdentityId")
            self.sessions[sid] = {"user": user, "identity": ident if ident in [i["Id"] for i in IDENTITIES]
                                  else IDENTITIES[0]["Id"]}
            return 200, response(op, ns, sid)
        s = self.session(headers)
        if op == "HasSession":
            return 200, response(op, ns, "true" if s else "false")
        if s is None:
            return 500, fault("NotAuthenticated: the session is not authenticated. Call Login first.")
        if op == "GetIdentities":
            xml = "".join("<Identity><Id>%s</Id><Client><Id>%d</Id><Name>%s</Name></Client><IsCurrent>%s</IsCurrent>"
                          "<IsDefault>false</IsDefault><IsProtected>false</IsProtected><IsDisabled>false</IsDisabled>"
                          "</Identity>" % (i["Id"], i["ClientId"], esc(i["Name"]),
                                           "true" if i["Id"] == s["identity"] else "false") for i in IDENTITIES)
            return 200, response(op, ns, xml)
        if op == "SetIdentityById":
            ident = kid_text(el, "identityId")
            if ident not in [i["Id"] for i in IDENTITIES]:
                return 200, response(op, ns, "false")
            s["identity"] = ident
            return 200, response(op, ns, "true")
        if op == "GetDepartmentList":
            return 200, response(op, ns, "".join("<Department><Id>%d</Id><Name>%s</Name></Department>" % d
                                                  for d in DEPARTMENTS))
        if op == "GetTransactionTypes":
            return 200, response(op, ns, "".join("<TransactionType><Id>%d</Id><No>%d</No><Title>%s</Title></TransactionType>"
                                                 % t for t in TRANSACTION_TYPES))
        if op == "GetAccountList":
            return 200, response(op, ns, "".join("<AccountData><AccountId>%d</AccountId><AccountNo>%d</AccountNo>"
                                                 "<AccountName>%s</AccountName></AccountData>" % (n * 10, n, esc(t))
                                                 for n, t in ACCOUNTS))
        if op == "GetTaxCodeList":
            return 200, response(op, ns, "".join("<TaxCodeElement><TaxId>%d</TaxId><TaxNo>%d</TaxNo><TaxName>%s</TaxName>"
                                                 "<TaxRate>%s</TaxRate></TaxCodeElement>" % (n, n, esc(t), r)
                                                 for n, t, r in TAX_CODES))
        if op == "SaveBundleList":
            return 200, response(op, ns, self.save(el, s))
        if op == "GetTransactions":
            p = kid(el, "searchParams")
            start, end = kid_text(p, "DateStart")[:10], kid_text(p, "DateEnd")[:10]
            xml = ""
            for b in self.bundles:
                if b["identity"] != s["identity"] or b["save_option"] != 0:
                    continue
                for v in b["vouchers"]:
                    for e in v["entries"]:
                        if start <= e["date"][:10] <= end:
                            xml += ("<Transaction><Date>%s</Date><AccountNo>%s</AccountNo><Amount>%s</Amount>"
                                    "<Comment>%s</Comment><TransactionNo>%d</TransactionNo><Hidden>false</Hidden>"
                                    "<Open>false</Open><HasVatDividend>false</HasVatDividend></Transaction>"
                                    % (e["date"], e["account"], e["amount"], esc(e["comment"]), v["transaction_no"]))
            return 200, response(op, ns, xml)
        return 500, fault("The emulator does not answer " + op)

    def save(self, el, s):
        def result(t, d=""):
            return "<Type>%s</Type><Description>%s</Description>" % (t, esc(d))
        bl = kid(el, "BundleList")
        save_option = int(kid_text(bl, "SaveOption", "1") or "1")
        allow_difference = kid_text(bl, "AllowDifference", "false") == "true"
        known_accounts = {str(n) for n, _ in ACCOUNTS}
        known_sorts = {str(no) for _, no, _ in TRANSACTION_TYPES}
        saved = []
        for bundle in kid(bl, "Bundles") or []:
            year = int(kid_text(bundle, "YearId", "0"))
            if self.years is not None and year not in self.years:
                return result("NotSaved", "The year %d is not set up in the accounting settings." % year)
            if kid_text(bundle, "Sort") not in known_sorts:
                return result("NotSaved", "Unknown voucher type (Sort) %s." % kid_text(bundle, "Sort"))
            vouchers = []
            for v in kid(bundle, "Vouchers") or []:
                entries, total = [], decimal.Decimal(0)
                for e in kid(v, "Entries") or []:
                    amount, date, account = kid_text(e, "Amount"), kid_text(e, "Date"), kid_text(e, "AccountNo")
                    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", amount):
                        return result("NotSaved", "Amount '%s' must have at most two decimals." % amount)
                    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00", date) or int(date[:4]) != year:
                        return result("NotSaved", "Entry date %s is not a date of year %d." % (date, year))
                    if account not in known_accounts:
                        return result("NotSaved", "Account %s does not exist." % account)
                    total += decimal.Decimal(amount)
                    entries.append({"account": account, "date": date, "amount": amount,
                                    "department": kid_text(e, "DepartmentId"), "comment": kid_text(e, "Comment")})
                if total != 0 and not (allow_difference and save_option == 1):
                    return result("NotSaved", "The voucher is not in balance (difference %s)." % total)
                self.next_transaction_no += 1
                vouchers.append({"transaction_no": self.next_transaction_no, "sort": kid_text(v, "Sort"),
                                 "entries": entries})
            saved.append({"identity": s["identity"], "year": year, "name": kid_text(bundle, "Name"),
                          "sort": kid_text(bundle, "Sort"), "save_option": save_option, "vouchers": vouchers})
        self.bundles.extend(saved)
        return result("Ok")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--specs", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--user", action="append", default=[])
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="tfso-emulator-")
    schemas = load_schemas(os.path.join(args.specs, "24sevenoffice", "wsdl"), tmp)
    users = dict(u.split(":", 1) for u in (args.user or ["kasse@butikk.no:hemmelig"]))
    emu = Emulator(schemas, users)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def reply(self, status, body, ctype="text/xml; charset=utf-8"):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def read(self):
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_GET(self):
            if self.path == "/_emulator/ledger":
                with emu.lock:
                    self.reply(200, json.dumps({"bundles": emu.bundles, "logins": emu.logins,
                                                "requests": emu.requests, "invalid": emu.invalid}),
                               "application/json")
                return
            self.reply(404, "{}", "application/json")

        def do_POST(self):
            body = self.read()
            if self.path.startswith("/_emulator/"):
                knob = json.loads(body or b"{}")
                with emu.lock:
                    if self.path == "/_emulator/fail":
                        emu.fail_next = int(knob.get("next", 1))
                        emu.fail_status = int(knob.get("status", 500))
                        emu.fail_fault = knob.get("fault", emu.fail_fault)
                        emu.fail_after = bool(knob.get("after", False))
                        emu.fail_op = knob.get("op", "")
                    elif self.path == "/_emulator/expire":
                        emu.sessions.clear()
                    elif self.path == "/_emulator/config":
                        emu.login_interval = float(knob.get("login_interval", emu.login_interval))
                        emu.hourly_limit = int(knob.get("hourly_limit", emu.hourly_limit))
                        if "years" in knob:
                            emu.years = knob["years"]
                    else:
                        return self.reply(404, "{}", "application/json")
                return self.reply(200, "{}", "application/json")
            with emu.lock:
                status, answer = emu.handle(self.path, {k: v for k, v in self.headers.items()}, body)
            self.reply(status, answer)

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(port))
        os.replace(args.port_file + ".tmp", args.port_file)
    if not args.port_file:
        print(port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
