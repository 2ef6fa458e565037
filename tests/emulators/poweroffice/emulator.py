#!/usr/bin/env python3
"""PowerOffice Go API v2 emulator for dagbok's tests (standard library + python3-yaml + python3-jsonschema).

Serves, on loopback, what ../shared/research/accounting-apis.md §2 and §7 say the real service does:
  POST /OAuth/Token                         client credentials (Basic app:client key + Ocp-Apim-Subscription-Key)
  GET  /v2/ClientIntegrationInformation
  GET  /v2/GeneralLedgerAccounts?accountNos=  GET /v2/VatCodes  GET /v2/Departments   (204 when nothing matches)
  POST /v2/Vouchers/ManualJournals          (ExternalImportReference unique → 400 ProblemDetails)
  POST /v2/JournalEntryVouchers/ManualJournals, GET /v2/JournalEntryVouchers, GET …/ManualJournals/{id}
  POST /v2/JournalEntryVouchers/{id}/VoucherPages, PUT /v2/VoucherDocumentation?id=   (multipart "file", PDF only)
Every JSON body is validated against the component schema of the published contract
(shared/specs/poweroffice-go/v2-merged-openapi.yaml); a request that breaks it gets 400 and is
recorded under "violations" in the ledger so tests can assert there were none.
10 requests/s per subscription key → 429 {"statusCode":"429","message":"Rate limit is exceeded. Try again in 1 seconds."}.

Knobs (JSON bodies):
  POST /_emulator/fail      {"next": 3, "status": 429, "path": "ManualJournals", "body": {...}, "retry_after": 1}
  POST /_emulator/expire_tokens {}
  POST /_emulator/config    {"token_ttl": 1200, "delay_after_store_ms": 0, "rate_limit": 10}
  POST /_emulator/accounts  {"remove": ["3000"]} | {"add": [{"AccountNo": 3000, "Name": "Salg"}]} | {"renumber_ids": true}
  GET  /_emulator/ledger    what arrived: vouchers, drafts, documents, counts, violations

Usage: emulator.py --spec-dir DIR --port 0 --port-file FILE [--app-key K --subscription-key S --client-key C]
"""
import argparse, base64, copy, json, os, re, sys, threading, time, uuid
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

import jsonschema
import yaml


def openapi_to_jsonschema(node):
    """OpenAPI 3.0 'nullable' → JSON Schema type lists; drop keys jsonschema does not know."""
    if isinstance(node, dict):
        out = {k: openapi_to_jsonschema(v) for k, v in node.items() if k not in ('example', 'readOnly', 'nullable')}
        if node.get('nullable'):
            if 'type' in out:
                out['type'] = [out['type'], 'null']
            elif '$ref' in out:
                out = {'anyOf': [{'$ref': out['$ref']}, {'type': 'null'}]}
        return out
    if isinstance(node, list):
        return [openapi_to_jsonschema(x) for x in node]
    return node


class Contract:
    def __init__(self, spec_dir):
        with open(os.path.join(spec_dir, 'v2-merged-openapi.yaml'), encoding='utf-8') as f:
            loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
            doc = yaml.load(f, Loader=loader)
        self.components = {'schemas': openapi_to_jsonschema(doc['components']['schemas'])}
        with open(os.path.join(spec_dir, 'v2-auth-token-demo.openapi.json'), encoding='utf-8') as f:
            self.auth = json.load(f)

    def errors(self, schema_name, body):
        schema = {'$ref': '#/components/schemas/' + schema_name, 'components': self.components}
        checker = jsonschema.FormatChecker()

        @checker.checks('date')
        def _date(v):  # noqa: ANN001
            return not isinstance(v, str) or re.fullmatch(r'\d{4}-\d{2}-\d{2}', v) is not None
        v = jsonschema.Draft7Validator(schema, format_checker=checker)
        return ['%s: %s' % ('/'.join(str(p) for p in e.absolute_path) or '(body)', e.message)
                for e in v.iter_errors(body)]


def problem(status, title, detail):
    # The service writes ProblemDetails in lower case although the spec says PascalCase (§2.11).
    return status, {'type': 'https://tools.ietf.org/html/rfc7231#section-6.5.1', 'title': title, 'status': status,
                    'detail': detail}


class World:
    def __init__(self, args, contract):
        self.lock = threading.Lock()
        self.contract = contract
        self.app_key, self.sub_key, self.client_key = args.app_key, args.subscription_key, args.client_key
        self.token_ttl = 1200
        self.delay_after_store_ms = 0
        self.rate_limit = 10
        self.tokens = {}  # token -> expiry
        self.hits = {}    # subscription key -> [times]
        self.fail = []    # queued failures
        self.accounts = {}
        self.next_account_id = 50100
        for no, name in [(1900, 'Kontanter'), (1920, 'Bankinnskudd'), (1570, 'Kortkrav'), (1580, 'Vipps'),
                         (2400, 'Leverandørgjeld'), (2700, 'Utgående mva, høy sats'), (2701, 'Utgående mva, middels sats'),
                         (2702, 'Utgående mva, lav sats'), (2710, 'Inngående mva'), (2740, 'Oppgjørskonto mva'),
                         (2900, 'Annen kortsiktig gjeld'), (2901, 'Gavekort'), (3000, 'Salgsinntekt, avgiftspliktig'),
                         (3001, 'Salgsinntekt, middels sats'), (3002, 'Salgsinntekt, lav sats'),
                         (3100, 'Salgsinntekt, avgiftsfri'), (3200, 'Salgsinntekt, utenfor avgiftsområdet'),
                         (3600, 'Leieinntekt'), (3900, 'Annen driftsrelatert inntekt'), (7770, 'Bank og kortgebyr'),
                         (7790, 'Annen kostnad'), (8160, 'Avrunding'), (2910, 'Tips')]:
            self.add_account(no, name)
        self.vat_codes = [{'Id': 201600 + i, 'Code': c, 'Name': n, 'Rate': r, 'IsActive': True}
                          for i, (c, n, r) in enumerate([('0', 'Ingen mva-behandling', 0), ('3', 'Utgående mva, høy sats', 0.25),
                                                         ('31', 'Utgående mva, middels sats', 0.15),
                                                         ('33', 'Utgående mva, lav sats', 0.12), ('5', 'Fritatt', 0),
                                                         ('6', 'Utenfor avgiftsområdet', 0)])]
        self.departments = [{'Id': 7, 'Code': '1', 'Name': 'Butikk', 'IsActive': True}]
        self.vouchers = []   # posted
        self.drafts = []
        self.documents = {}  # voucher id -> {"bytes": n, "filename": …}
        self.counts = {}
        self.violations = []
        self.next_voucher_no = 1

    def add_account(self, no, name):
        self.accounts[str(no)] = {'Id': self.next_account_id, 'AccountNo': int(no), 'Name': name, 'IsActive': True,
                                  'VatCodeId': None, 'VatCode': None, 'IsDepartmentRequired': False,
                                  'IsProjectRequired': False, 'IsVatCodeLocked': False}
        self.next_account_id += 1

    def account_by_id(self, i):
        for a in self.accounts.values():
            if a['Id'] == i:
                return a
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    world = None

    def log_message(self, fmt, *args):  # quiet: bodies carry tokens
        pass

    def reply(self, status, body=None, headers=None):
        data = b'' if body is None else (body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False, default=lambda o: float(o) if isinstance(o, Decimal) else str(o)).encode())
        self.send_response(status)
        if body is not None:
            self.send_header('Content-Type', 'application/json; charset=utf-8')
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)

    def body(self):
        n = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(n) if n else b''

    def do_GET(self): self.handle_any('GET')
    def do_POST(self): self.handle_any('POST')
    def do_PUT(self): self.handle_any('PUT')
    def do_PATCH(self): self.handle_any('PATCH')
    def do_DELETE(self): self.handle_any('DELETE')

    def handle_any(self, method):
        w = self.world
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        raw = self.body()
        if path.startswith('/_emulator/'):
            return self.control(method, path, raw)
        lpath = path.lower()
        if lpath.startswith('/demo/'):
            lpath = lpath[5:]
            path = path[5:]
        with w.lock:
            key = '%s %s' % (method, re.sub(r'/[0-9a-f-]{36}', '/{id}', path))
            w.counts[key] = w.counts.get(key, 0) + 1
            sub = self.headers.get('Ocp-Apim-Subscription-Key') or (query.get('subscription-key') or [None])[0]
            if not sub:
                return self.reply(401, {'statusCode': 401, 'message': 'Access denied due to missing subscription key. '
                                        'Make sure to include subscription key when making requests to an API.'})
            if sub != w.sub_key:
                return self.reply(401, {'statusCode': 401, 'message': 'Access denied due to invalid subscription key. '
                                        'Make sure to provide a valid key for an active subscription.'})
            now = time.monotonic()
            hits = [t for t in w.hits.get(sub, []) if now - t < 1.0]
            if len(hits) >= w.rate_limit:
                w.hits[sub] = hits
                return self.reply(429, {'statusCode': '429', 'message': 'Rate limit is exceeded. Try again in 1 seconds.'},
                                  {'Retry-After': '1'})
            hits.append(now)
            w.hits[sub] = hits
            for f in list(w.fail):
                if f['path'] and f['path'].lower() not in lpath:
                    continue
                f['next'] -= 1
                if f['next'] <= 0:
                    w.fail.remove(f)
                st = f['status']
                body = f.get('body')
                if body is None and st == 429:
                    body = {'statusCode': '429', 'message': 'Rate limit is exceeded. Try again in %d seconds.' % f['retry_after']}
                elif body is None:
                    body = problem(st, 'Emulated failure', 'The emulator was told to fail this request.')[1]
                return self.reply(st, body, {'Retry-After': str(f['retry_after'])} if st in (429, 503) else None)
            if lpath == '/oauth/token' and method == 'POST':
                return self.token(raw)
            auth = self.headers.get('Authorization') or ''
            tok = auth[7:] if auth.lower().startswith('bearer ') else None
            if tok is None or tok not in w.tokens or w.tokens[tok] < time.time():
                return self.reply(401, None, {'WWW-Authenticate': 'Bearer error="invalid_token"'})
            if not lpath.startswith('/v2/'):
                return self.reply(404, None)
            status, body, after = self.api(method, path[3:], query, raw)
        if after:
            time.sleep(after)
        return self.reply(status, body)

    def token(self, raw):
        w = self.world
        ctype = (self.headers.get('Content-Type') or '').lower()
        form = parse_qs(raw.decode('utf-8', 'replace'))
        if not ctype.startswith('application/x-www-form-urlencoded') or form.get('grant_type') != ['client_credentials']:
            return self.reply(400, {'error': 'unsupported_grant_type'})
        auth = self.headers.get('Authorization') or ''
        try:
            app, client = base64.b64decode(auth[6:]).decode().split(':', 1) if auth.startswith('Basic ') else ('', '')
        except Exception:  # noqa: BLE001
            app, client = '', ''
        if app != w.app_key or client != w.client_key:
            return self.reply(400, {'error': 'invalid_client', 'error_description': 'Client integration not found. Please '
                                    'ensure the provided keys are matching the desired environment.'})
        t = base64.urlsafe_b64encode(os.urandom(24)).decode().rstrip('=')
        w.tokens[t] = time.time() + w.token_ttl
        return self.reply(200, {'access_token': t, 'token_type': 'bearer', 'expires_in': w.token_ttl})

    def json_body(self, raw, schema):
        w = self.world
        try:
            body = json.loads(raw.decode('utf-8'), parse_float=Decimal)
        except Exception as e:  # noqa: BLE001
            return None, problem(400, 'One or more validation errors occurred.', 'The body is not JSON: %s' % e)
        plain = json.loads(raw.decode('utf-8'))
        errs = w.contract.errors(schema, plain)
        if errs:
            w.violations.append({'schema': schema, 'errors': errs})
            return None, problem(400, 'One or more validation errors occurred.', '; '.join(errs))
        return body, None

    def multipart_pdf(self, raw):
        ctype = self.headers.get('Content-Type') or ''
        m = re.search(r'boundary="?([^";]+)"?', ctype)
        if not ctype.lower().startswith('multipart/form-data') or not m:
            return None, problem(400, 'Bad request', 'Expected multipart/form-data with a field "file".')
        for part in raw.split(b'--' + m.group(1).encode()):
            head, _, data = part.partition(b'\r\n\r\n')
            if b'name="file"' in head:
                data = data[:-2] if data.endswith(b'\r\n') else data
                if not data.startswith(b'%PDF-'):
                    return None, problem(400, 'Bad request', 'Only PDF files are supported.')
                fn = re.search(rb'filename="([^"]*)"', head)
                return {'bytes': len(data), 'filename': fn.group(1).decode() if fn else ''}, None
        return None, problem(400, 'Bad request', 'The field "file" is missing.')

    def check_lines(self, lines, pairs):
        w = self.world
        total = Decimal(0)
        for i, l in enumerate(lines):
            amt = l.get('CurrencyAmount')
            if not isinstance(amt, Decimal) and not isinstance(amt, int):
                return problem(400, 'Voucher validation error(s)', 'Line %d: CurrencyAmount is missing.' % (i + 1))
            if Decimal(amt) == 0:
                return problem(400, 'Voucher validation error(s)', 'Line %d: CurrencyAmount must be a positive or negative number not 0.' % (i + 1))
            if Decimal(amt) != Decimal(amt).quantize(Decimal('0.01')):
                return problem(400, 'Voucher validation error(s)', 'Line %d: CurrencyAmount has more than two decimals.' % (i + 1))
            for side, acc_field, vat_field in pairs:
                acc = l.get(acc_field)
                if acc is None:
                    continue
                if w.account_by_id(acc) is None:
                    return problem(400, 'Voucher validation error(s)', 'Line %d: GeneralLedgerAccount with Id = %s was not found.' % (i + 1, acc))
                vat = l.get(vat_field)
                if vat is None or not any(v['Id'] == vat for v in w.vat_codes):
                    return problem(400, 'Voucher validation error(s)', 'Line %d: VatCode with Id = %s was not found.' % (i + 1, vat))
                total += Decimal(amt) * side
        if total != 0:
            return problem(400, 'Voucher validation error(s)', 'The voucher is not balanced: the sum of the lines is %s.' % total)
        return None

    def ledger_lines(self, lines, draft):
        out = []
        for l in lines:
            if draft:
                for side, acc_field in ((1, 'DebitAccountId'), (-1, 'CreditAccountId')):
                    if l.get(acc_field) is not None:
                        out.append({'AccountNo': self.world.account_by_id(l[acc_field])['AccountNo'],
                                    'Amount': str(Decimal(l['CurrencyAmount']) * side), 'Description': l.get('Description'),
                                    'PostingDate': l.get('PostingDate')})
            else:
                out.append({'AccountNo': self.world.account_by_id(l['AccountId'])['AccountNo'],
                            'Amount': str(Decimal(l['CurrencyAmount'])), 'Description': l.get('Description'),
                            'PostingDate': l.get('PostingDate')})
        return out

    def api(self, method, path, query, raw):
        w = self.world
        lp = path.lower()
        if method == 'GET' and lp == '/clientintegrationinformation':
            return 200, {'ClientId': 4711, 'ClientName': 'Kaffebaren Bergen AS', 'ActiveClientSubscriptions': ['Core'],
                         'ValidPrivileges': ['ManualVoucher_Full', 'JournalEntryVoucher_Full', 'VoucherDocumentation_Full',
                                             'GeneralLedgerAccount', 'CommonServices', 'Department'],
                         'InvalidPrivileges': []}, 0
        if method == 'GET' and lp == '/generalledgeraccounts':
            want = (query.get('accountNos') or query.get('accountnos') or [''])[0]
            rows = list(w.accounts.values())
            if want.strip():
                keep = []
                for part in want.split(','):
                    part = part.strip()
                    if '-' in part:
                        lo, _, hi = part.partition('-')
                        keep += [a for a in rows if int(lo or 0) <= a['AccountNo'] <= (int(hi) if hi else 10**9)]
                    elif part:
                        keep += [a for a in rows if a['AccountNo'] == int(part)]
                rows = keep
            return (200, rows, 0) if rows else (204, None, 0)
        if method == 'GET' and lp == '/vatcodes':
            return 200, w.vat_codes, 0
        if method == 'GET' and lp == '/departments':
            return 200, w.departments, 0
        if method == 'POST' and lp == '/vouchers/manualjournals':
            body, err = self.json_body(raw, 'ManualVoucherPostDto')
            if err:
                return err + (0,)
            err = self.check_lines(body.get('VoucherLines') or [], [(1, 'AccountId', 'VatId')])
            if err:
                return err + (0,)
            ref = body.get('ExternalImportReference')
            if ref:
                for v in w.vouchers:
                    if v['ExternalImportReference'] == ref and not v['IsReversed']:
                        return problem(400, 'Voucher validation error(s)', "ExternalImportReference is already in use. "
                                       "'%s' is used on (voucher) Id = %s." % (ref, v['Id'])) + (0,)
            v = {'Id': str(uuid.uuid4()), 'VoucherNo': w.next_voucher_no, 'IsReversed': False,
                 'CreatedDateTimeOffset': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
                 'CurrencyCode': body['CurrencyCode'], 'VoucherDate': body['VoucherDate'],
                 'Description': body.get('Description'), 'ExternalImportReference': ref,
                 'ImportedVoucherNo': body.get('ImportedVoucherNo'), 'SaftSourceId': body.get('SaftSourceId'),
                 'SaftBatchId': body.get('SaftBatchId'), 'Lines': self.ledger_lines(body.get('VoucherLines') or [], False)}
            w.next_voucher_no += 1
            w.vouchers.append(v)
            out = {k: v[k] for k in v if k != 'Lines'}
            out['VoucherDate'] = v['VoucherDate'] + 'T00:00:00'  # dates come back with a time part (§2.11)
            return 201, out, w.delay_after_store_ms / 1000.0
        if method == 'POST' and lp == '/journalentryvouchers/manualjournals':
            body, err = self.json_body(raw, 'ManualJournalEntryVoucherPostDto')
            if err:
                return err + (0,)
            err = self.check_lines(body.get('ManualVoucherLines') or [],
                                   [(1, 'DebitAccountId', 'DebitVatId'), (-1, 'CreditAccountId', 'CreditVatId')])
            if err:
                return err + (0,)
            d = {'Id': str(uuid.uuid4()), 'CurrencyCode': body['CurrencyCode'], 'VoucherDate': body['VoucherDate'],
                 'Description': body.get('Description'), 'Comment': body.get('Comment'), 'Pages': [],
                 'IsPosted': False, 'InApprovalWorkflow': False,
                 'CreatedDateTimeOffset': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
                 'ManualVoucherLines': body.get('ManualVoucherLines') or [],
                 'Lines': self.ledger_lines(body.get('ManualVoucherLines') or [], True)}
            w.drafts.append(d)
            return 201, self.draft_dto(d), w.delay_after_store_ms / 1000.0
        if method == 'GET' and lp == '/journalentryvouchers':
            rows = [{'Id': d['Id'], 'CreatedDateTimeOffset': d['CreatedDateTimeOffset'], 'IsPosted': d['IsPosted'],
                     'InApprovalWorkflow': d['InApprovalWorkflow'], 'IsCreatedByCurrentIntegration': True,
                     'VoucherType': 'ManualJournal', 'OriginatedFromEhf': False} for d in w.drafts]
            return (200, rows, 0) if rows else (204, None, 0)
        m = re.fullmatch(r'/vouchers/manualjournals/([0-9a-f-]{36})', lp)
        if method == 'GET' and m:
            for v in w.vouchers:
                if v['Id'] == m.group(1):
                    out = {k: v[k] for k in v if k != 'Lines'}
                    out['VoucherDate'] = v['VoucherDate'] + 'T00:00:00'
                    return 200, out, 0
            return problem(404, 'Not found', 'Voucher with Id = %s was not found.' % m.group(1)) + (0,)
        m = re.fullmatch(r'/journalentryvouchers/manualjournals/([0-9a-f-]{36})', lp)
        if method == 'GET' and m:
            for d in w.drafts:
                if d['Id'] == m.group(1):
                    return 200, self.draft_dto(d), 0
            return problem(404, 'Not found', 'Journal entry voucher with Id = %s was not found.' % m.group(1)) + (0,)
        m = re.fullmatch(r'/journalentryvouchers/([0-9a-f-]{36})/voucherpages', lp)
        if method == 'POST' and m:
            d = next((d for d in w.drafts if d['Id'] == m.group(1)), None)
            if d is None:
                return problem(404, 'Not found', 'Journal entry voucher with Id = %s was not found.' % m.group(1)) + (0,)
            f, err = self.multipart_pdf(raw)
            if err:
                return err + (0,)
            d['Pages'].append(f)
            w.documents.setdefault(d['Id'], []).append(f)
            return 201, {'Id': str(uuid.uuid4())}, 0
        if method == 'PUT' and lp == '/voucherdocumentation':
            vid = (query.get('id') or [''])[0]
            v = next((v for v in w.vouchers if v['Id'] == vid), None)
            if v is None:
                return problem(400, 'Bad request', 'Voucher with Id = %s was not found.' % vid) + (0,)
            f, err = self.multipart_pdf(raw)
            if err:
                return err + (0,)
            w.documents[vid] = [f]  # a re-PUT replaces
            return 204, None, 0
        return problem(404, 'Not found', 'No route for %s %s in this emulator.' % (method, path)) + (0,)

    @staticmethod
    def draft_dto(d):
        return {'Id': d['Id'], 'CurrencyCode': d['CurrencyCode'], 'VoucherDate': d['VoucherDate'] + 'T00:00:00',
                'Description': d['Description'], 'ManualVoucherLines': d['ManualVoucherLines'],
                'Pages': [{'Id': str(i)} for i, _ in enumerate(d['Pages'])]}

    def control(self, method, path, raw):
        w = self.world
        try:
            body = json.loads(raw or b'{}')
        except ValueError:
            return self.reply(400, {'error': 'not JSON'})
        with w.lock:
            if path == '/_emulator/ledger':
                return self.reply(200, {'vouchers': w.vouchers, 'drafts': [{k: v for k, v in d.items() if k != 'ManualVoucherLines'} for d in w.drafts],
                                        'documents': w.documents, 'counts': w.counts, 'violations': w.violations,
                                        'accounts': list(w.accounts.values())})
            if path == '/_emulator/fail':
                w.fail.append({'next': int(body.get('next', 1)), 'status': int(body.get('status', 500)),
                               'path': body.get('path', ''), 'body': body.get('body'),
                               'retry_after': int(body.get('retry_after', 1))})
                return self.reply(200, {'ok': True})
            if path == '/_emulator/expire_tokens':
                w.tokens.clear()
                return self.reply(200, {'ok': True})
            if path == '/_emulator/config':
                w.token_ttl = int(body.get('token_ttl', w.token_ttl))
                w.delay_after_store_ms = int(body.get('delay_after_store_ms', w.delay_after_store_ms))
                w.rate_limit = int(body.get('rate_limit', w.rate_limit))
                return self.reply(200, {'ok': True})
            if path == '/_emulator/accounts':
                for no in body.get('remove', []):
                    w.accounts.pop(str(no), None)
                for a in body.get('add', []):
                    w.add_account(a['AccountNo'], a.get('Name', ''))
                if body.get('renumber_ids'):
                    for a in w.accounts.values():
                        a['Id'] = w.next_account_id
                        w.next_account_id += 1
                return self.reply(200, {'ok': True})
        return self.reply(404, {'error': 'unknown knob'})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--spec-dir', required=True)
    ap.add_argument('--port', type=int, default=0)
    ap.add_argument('--port-file')
    ap.add_argument('--app-key', default='dagbok-app-key')
    ap.add_argument('--subscription-key', default='dagbok-subscription-key')
    ap.add_argument('--client-key', default='kaffebaren-client-key')
    args = ap.parse_args()
    Handler.world = World(args, Contract(args.spec_dir))
    server = ThreadingHTTPServer(('127.0.0.1', args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + '.tmp'
        with open(tmp, 'w') as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)
    if not args.port_file:
        print(port, flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
