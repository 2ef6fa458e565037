#!/usr/bin/env python3
"""Visma eEkonomi (eAccounting API v2) emulator for dagbok's tests (standard library + python3-jsonschema).

Serves, on loopback, what ../shared/research/accounting-apis.md §6 and §7 say the real service does:
  identity  GET  /connect/authorize   (consents at once: 302 to redirect_uri?code=…&state=…)
            POST /connect/token       authorization_code and refresh_token grants, Basic client_id:client_secret;
                                      codes single-use (5 min), access tokens 60 min; "rotate_refresh" spends
                                      the old refresh token (old Visma clients), else it stays usable
  API       GET  /v2/fiscalyears  /v2/fiscalyears/{id}  /v2/companysettings (needs ea:sales)
            GET  /v2/accounts  /v2/accounts/{fiscalyearId}  /v2/vatcodes  /v2/costcenters
            POST /v2/vouchers?useAutomaticVatCalculation=&useDefaultVatCodes=&useDefaultVoucherSeries=
            GET  /v2/vouchers  /v2/vouchers/{fiscalyearId}[?$filter=…&$page=&$pagesize=]  /v2/vouchers/{fy}/{id}
            POST /v2/voucherdrafts  GET /v2/voucherdrafts[/{id}]  POST /v2/voucherdrafts/{id}/convert
            POST /v2/attachments (base64 Data)  POST /v2/attachmentlinks (DocumentType 3 = Voucher)
Every JSON body is validated against the swagger's definition (shared/specs/visma-eaccounting); amounts must
be literals matching [-]?\\d+(.\\d{1,2})? (3 decimals or an exponent → 400), TransactionText ≤ 60 (≤ 50 on
drafts), the voucher must balance, its accounts exist and its date lie in an open fiscal year (2025 is locked,
2027 missing). Errors are {"ErrorCode", "DeveloperErrorMessage", "ErrorId"}. 600 requests per minute per
endpoint → 429 ErrorCode 4010 "… Try again in N seconds." A request that breaks the contract is recorded under
"violations" in the ledger so tests can assert there were none.

Knobs (JSON bodies):
  POST /_emulator/code          {"scope": "...", "redirect_uri": "..."} → {"code": …}   (skips the browser)
  POST /_emulator/fail          {"next": 1, "status": 500, "path": "vouchers", "body": {...}}
  POST /_emulator/lose_answer   {"next": 1, "path": "vouchers"}   store, then close the connection unanswered
  POST /_emulator/expire_tokens {}
  POST /_emulator/config        {"token_ttl": 3600, "rotate_refresh": true, "rate_limit": 600, "api_module": true}
  POST /_emulator/fiscalyears   {"lock": 2026} | {"unlock": 2026} | {"add": 2027}
  POST /_emulator/accounts      {"remove": ["1930"]} | {"add": [{"Number": "1930", "Name": "Företagskonto"}]}
  GET  /_emulator/ledger        what arrived: vouchers (with their rows and attachments), drafts, attachments,
                                counts, violations, flags

Usage: emulator.py --spec-dir DIR --port 0 --port-file FILE [--client-id ID --client-secret S]
"""
import argparse, base64, datetime, json, os, re, threading, time, uuid
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs, urlencode

import jsonschema

AMOUNT = re.compile(r'[-]?\d+(\.\d{1,2})?')
AMOUNT_FIELDS = ('DebitAmount', 'CreditAmount', 'Quantity', 'Weight')


class Raw:
    """A JSON number as it was written, so that its literal can be checked against the contract's pattern."""

    def __init__(self, text):
        self.text = text

    def value(self):
        return Decimal(self.text)


def swagger_to_jsonschema(node):
    """Swagger 2.0 definitions → JSON Schema: 'pattern' on a number means nothing to jsonschema (the literal is
    checked by hand); readOnly fields may be sent (the service ignores them)."""
    if isinstance(node, dict):
        out = {k: swagger_to_jsonschema(v) for k, v in node.items() if k not in ('example', 'readOnly')}
        if out.get('type') in ('number', 'integer'):
            out.pop('pattern', None)
        if out.get('type') == 'string' and out.get('format') in ('date-time', 'uuid'):
            out.pop('format')  # checked by hand where it matters
        return out
    if isinstance(node, list):
        return [swagger_to_jsonschema(x) for x in node]
    return node


class Contract:
    def __init__(self, spec_dir):
        with open(os.path.join(spec_dir, 'eaccounting-api-v2-swagger.json'), encoding='utf-8-sig') as f:
            doc = json.load(f)
        self.definitions = swagger_to_jsonschema(doc['definitions'])

    def errors(self, name, body):
        schema = {'$ref': '#/definitions/' + name, 'definitions': self.definitions}
        v = jsonschema.Draft4Validator(schema)
        return ['%s: %s' % ('/'.join(str(p) for p in e.absolute_path) or '(body)', e.message)
                for e in v.iter_errors(body)]


def error(status, code, message):
    return status, {'ErrorCode': code, 'DeveloperErrorMessage': message, 'ErrorId': uuid.uuid4().hex}


def day_of(text):
    """A VoucherDate ("2026-03-01" or "2026-03-01T00:00:00") as a date, or None."""
    m = re.fullmatch(r'(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?', text or '')
    if not m:
        return None
    try:
        return datetime.date.fromisoformat(m.group(1))
    except ValueError:
        return None


class World:
    def __init__(self, args, contract):
        self.lock = threading.Lock()
        self.contract = contract
        self.client_id, self.client_secret = args.client_id, args.client_secret
        self.token_ttl = 3600
        self.rotate_refresh = True
        self.rate_limit = 600
        self.api_module = True
        self.codes = {}      # code -> {redirect_uri, scope, expires}
        self.tokens = {}     # access token -> {expires, scope}
        self.refresh = {}    # refresh token -> scope (spent ones removed)
        self.hits = {}       # endpoint -> [times]
        self.fail = []
        self.lose = []
        self.counts = {}
        self.violations = []
        self.flags = []      # the query flags of each POST /v2/vouchers
        self.years = {}
        for y, locked in ((2025, True), (2026, False)):
            self.add_year(y, locked)
        self.accounts = {}
        for no, name in [('1910', 'Kassa'), ('1920', 'PlusGiro'), ('1930', 'Företagskonto'), ('1580', 'Fordringar kontokort'),
                         ('1581', 'Fordringar Swish'), ('2440', 'Leverantörsskulder'), ('2420', 'Förskott från kunder'),
                         ('2611', 'Utgående moms 25 %'), ('2621', 'Utgående moms 12 %'), ('2631', 'Utgående moms 6 %'),
                         ('2640', 'Ingående moms'), ('2650', 'Redovisningskonto för moms'), ('3001', 'Försäljning 25 %'),
                         ('3002', 'Försäljning 12 %'), ('3003', 'Försäljning 6 %'), ('3740', 'Öres- och kronutjämning'),
                         ('6570', 'Bankkostnader'), ('7699', 'Övriga personalkostnader')]:
            self.accounts[no] = name
        self.vat_codes = [{'Id': str(uuid.uuid5(uuid.NAMESPACE_URL, 'vat' + c)), 'Code': c, 'Description': d, 'VatRate': r,
                           'RelatedAccounts': {'AccountNumber1': a, 'AccountNumber2': None, 'AccountNumber3': None}}
                          for c, d, r, a in [('00', 'Ingen moms', 0, None), ('05', 'Försäljning 25 %', 0.25, 2611),
                                             ('06', 'Försäljning 12 %', 0.12, 2621), ('07', 'Försäljning 6 %', 0.06, 2631)]]
        cc = str(uuid.uuid5(uuid.NAMESPACE_URL, 'cc1'))
        self.cost_centers = [{'Id': cc, 'Name': 'Butik', 'Number': 1, 'IsActive': True,
                              'Items': [{'CostCenterId': cc, 'Id': str(uuid.uuid5(uuid.NAMESPACE_URL, 'cci1')),
                                         'Name': 'Kaffebaren Södermalm', 'ShortName': 'SÖDER', 'IsActive': True}]}]
        self.vouchers = []
        self.drafts = []
        self.attachments = {}  # id -> {ContentType, FileName, bytes, DocumentId}
        self.series_next = {}

    def add_year(self, y, locked=False):
        self.years[y] = {'Id': str(uuid.uuid5(uuid.NAMESPACE_URL, 'fy%d' % y)), 'StartDate': '%d-01-01T00:00:00' % y,
                         'EndDate': '%d-12-31T00:00:00' % y, 'IsLockedForAccounting': locked, 'BookkeepingMethod': 0}

    def year_for(self, d):
        y = self.years.get(d.year)
        return y

    def year_by_id(self, i):
        return next((y for y in self.years.values() if y['Id'] == i), None)


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    world = None

    def log_message(self, fmt, *args):  # quiet: bodies carry tokens
        pass

    def reply(self, status, body=None, headers=None):
        data = b'' if body is None else json.dumps(body, ensure_ascii=False, default=str).encode()
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
    def do_DELETE(self): self.handle_any('DELETE')

    def handle_any(self, method):
        w = self.world
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        raw = self.body()
        if path.startswith('/_emulator/'):
            return self.control(method, path, raw)
        lose = False
        with w.lock:
            endpoint = '%s %s' % (method, re.sub(r'/[0-9a-fA-F-]{36}', '/{id}', path))
            w.counts[endpoint] = w.counts.get(endpoint, 0) + 1
            for f in list(w.fail):
                if f['path'] and f['path'].lower() not in path.lower():
                    continue
                f['next'] -= 1
                if f['next'] <= 0:
                    w.fail.remove(f)
                body = f.get('body') or error(f['status'], 5000, 'The emulator was told to fail this request.')[1]
                return self.reply(f['status'], body)
            if path == '/connect/authorize' and method == 'GET':
                return self.authorize(query)
            if path == '/connect/token' and method == 'POST':
                return self.token(raw)
            if not path.startswith('/v2/'):
                return self.reply(404, None)
            auth = self.headers.get('Authorization') or ''
            tok = auth[7:] if auth.lower().startswith('bearer ') else None
            t = w.tokens.get(tok)
            if t is None or t['expires'] < time.time():
                return self.reply(401, {'Message': 'Authorization has been denied for this request.'},
                                  {'WWW-Authenticate': 'Bearer error="invalid_token"'})
            now = time.monotonic()
            hits = [h for h in w.hits.get(endpoint, []) if now - h < 60.0]
            if len(hits) >= w.rate_limit:
                w.hits[endpoint] = hits
                wait = max(1, int(60 - (now - hits[0])) + 1)
                return self.reply(*error(429, 4010, 'API calls quota exceeded! maximum admitted %d per Minute. '
                                         'Try again in %d seconds.' % (w.rate_limit, wait)))
            hits.append(now)
            w.hits[endpoint] = hits
            if not w.api_module:
                return self.reply(*error(403, 4003, 'No access to module: api_standard'))
            status, body = self.api(method, path[3:], query, raw, t['scope'])
            if 200 <= status < 300 and method == 'POST':
                for f in list(w.lose):
                    if f['path'] and f['path'].lower() not in path.lower():
                        continue
                    f['next'] -= 1
                    if f['next'] <= 0:
                        w.lose.remove(f)
                    lose = True
                    break
        if lose:  # stored, but the answer never reaches the client
            self.close_connection = True
            self.connection.shutdown(2)
            return None
        return self.reply(status, body)

    # --- identity ---------------------------------------------------------------------------------------------

    def new_code(self, redirect_uri, scope):
        code = base64.urlsafe_b64encode(os.urandom(18)).decode().rstrip('=')
        self.world.codes[code] = {'redirect_uri': redirect_uri, 'scope': scope, 'expires': time.time() + 300}
        return code

    def authorize(self, query):
        w = self.world
        q = {k: v[0] for k, v in query.items()}
        if q.get('client_id') != w.client_id:
            return self.reply(400, None)
        scopes = q.get('scope', '').split()
        if q.get('response_type') != 'code' or 'ea:api' not in scopes or 'offline_access' not in scopes or \
                not q.get('redirect_uri'):
            sep = '&' if '?' in q.get('redirect_uri', '') else '?'
            return self.reply(302, None, {'Location': q.get('redirect_uri', '/') + sep + urlencode(
                {'error': 'invalid_scope' if q.get('response_type') == 'code' else 'unsupported_response_type',
                 'state': q.get('state', '')})})
        code = self.new_code(q['redirect_uri'], ' '.join(scopes))
        sep = '&' if '?' in q['redirect_uri'] else '?'
        return self.reply(302, None, {'Location': q['redirect_uri'] + sep + urlencode({'code': code, 'state': q.get('state', '')})})

    def issue(self, scope):
        w = self.world
        access = 'ea-' + base64.urlsafe_b64encode(os.urandom(24)).decode().rstrip('=')
        refresh = base64.urlsafe_b64encode(os.urandom(24)).decode().rstrip('=')
        w.tokens[access] = {'expires': time.time() + w.token_ttl, 'scope': scope}
        w.refresh[refresh] = scope
        return self.reply(200, {'access_token': access, 'expires_in': w.token_ttl, 'token_type': 'Bearer',
                                'refresh_token': refresh, 'scope': scope})

    def token(self, raw):
        w = self.world
        ctype = (self.headers.get('Content-Type') or '').lower()
        if not ctype.startswith('application/x-www-form-urlencoded'):
            return self.reply(400, {'error': 'invalid_request'})
        form = {k: v[0] for k, v in parse_qs(raw.decode('utf-8', 'replace')).items()}
        auth = self.headers.get('Authorization') or ''
        try:
            cid, secret = base64.b64decode(auth[6:]).decode().split(':', 1) if auth.startswith('Basic ') else \
                (form.get('client_id', ''), form.get('client_secret', ''))
        except Exception:  # noqa: BLE001
            cid, secret = '', ''
        if cid != w.client_id or secret != w.client_secret:
            return self.reply(400, {'error': 'invalid_client'})
        grant = form.get('grant_type')
        if grant == 'authorization_code':
            c = w.codes.pop(form.get('code', ''), None)  # single use
            if c is None or c['expires'] < time.time() or c['redirect_uri'] != form.get('redirect_uri'):
                return self.reply(400, {'error': 'invalid_grant'})
            return self.issue(c['scope'])
        if grant == 'refresh_token':
            rt = form.get('refresh_token', '')
            if rt not in w.refresh:
                return self.reply(400, {'error': 'invalid_grant'})
            scope = w.refresh[rt]
            if w.rotate_refresh:
                del w.refresh[rt]
            return self.issue(scope)
        return self.reply(400, {'error': 'unsupported_grant_type'})

    # --- API --------------------------------------------------------------------------------------------------

    def json_body(self, raw, schema):
        w = self.world
        try:
            body = json.loads(raw.decode('utf-8'), parse_float=Raw)
            plain = json.loads(raw.decode('utf-8'))
        except Exception as e:  # noqa: BLE001
            return None, error(400, 4000, 'The request body is not valid JSON: %s' % e)
        errs = w.contract.errors(schema, plain)
        rows = body.get('Rows') if isinstance(body, dict) else None
        for i, r in enumerate(rows if isinstance(rows, list) else []):
            for k in AMOUNT_FIELDS:
                v = r.get(k) if isinstance(r, dict) else None
                if isinstance(v, Raw) and not AMOUNT.fullmatch(v.text):
                    errs.append('Rows/%d/%s: %s does not match the format [-]?\\d+(.\\d{1,2})? (max 2 decimals)'
                                % (i, k, v.text))
        if errs:
            w.violations.append({'schema': schema, 'errors': errs})
            return None, error(400, 4000, '; '.join(errs))
        return body, None

    def check_voucher(self, body, draft):
        """A voucher's rules beyond the schema: the date, an open fiscal year, known accounts, a balance."""
        w = self.world
        d = day_of(body.get('VoucherDate'))
        if d is None:
            return None, error(400, 4000, 'VoucherDate: the value is not a date (yyyy-mm-dd).')
        total = Decimal(0)
        for i, r in enumerate(body.get('Rows') or []):
            if str(r['AccountNumber']) not in w.accounts:
                return None, error(400, 4000, 'Rows[%d]: Account %s does not exist in the fiscal year.' % (i, r['AccountNumber']))
            debit, credit = r.get('DebitAmount'), r.get('CreditAmount')
            debit = debit.value() if isinstance(debit, Raw) else Decimal(debit or 0)
            credit = credit.value() if isinstance(credit, Raw) else Decimal(credit or 0)
            total += debit - credit
        if not draft and not body.get('Rows'):
            return None, error(400, 4000, 'Rows: a voucher needs at least two rows.')
        if total != 0:
            return None, error(400, 4000, 'The voucher is not balanced: debit minus credit is %s.' % total)
        return d, None

    def open_year(self, d):
        y = self.world.year_for(d)
        if y is None:
            return None, error(400, 4000, 'There is no fiscal year for the date %s.' % d.isoformat())
        if y['IsLockedForAccounting']:
            return None, error(400, 4000, 'The fiscal year %s is locked for accounting.' % d.year)
        return y, None

    @staticmethod
    def rows_of(body):
        out = []
        for r in body.get('Rows') or []:
            row = {}
            for k, v in r.items():
                row[k] = v.text if isinstance(v, Raw) else v
            for k in ('DebitAmount', 'CreditAmount'):
                if isinstance(row.get(k), int):
                    row[k] = str(row[k])
            out.append(row)
        return out

    def book(self, body, d, year, series_given):
        w = self.world
        series = body.get('NumberSeries') if series_given and body.get('NumberSeries') else 'A'
        n = w.series_next.get(series, 1)
        w.series_next[series] = n + 1
        v = {'Id': str(uuid.uuid4()), 'VoucherDate': d.isoformat() + 'T00:00:00', 'VoucherText': body.get('VoucherText', ''),
             'Rows': self.rows_of(body), 'NumberAndNumberSeries': '%s%d' % (series, n), 'NumberSeries': series,
             'VoucherType': body.get('VoucherType') or 2, 'FiscalYearId': year['Id'], 'Attachments': None,
             'CreatedUtc': datetime.datetime.utcnow().isoformat(timespec='seconds') + 'Z'}
        w.vouchers.append(v)
        links = body.get('Attachments')
        if isinstance(links, dict) and links.get('AttachmentIds'):
            err = self.link(v['Id'], links['AttachmentIds'])
            if err:
                w.vouchers.remove(v)
                return None, err
        return v, None

    def link(self, voucher_id, ids):
        w = self.world
        v = next((x for x in w.vouchers if x['Id'] == voucher_id), None)
        if v is None:
            return error(404, 4004, 'Voucher %s was not found.' % voucher_id)
        for i in ids:
            a = w.attachments.get(i)
            if a is None:
                return error(400, 4000, 'Attachment %s was not found.' % i)
            if a['DocumentId'] and a['DocumentId'] != voucher_id:
                return error(400, 4000, 'Attachment %s is already linked to another document.' % i)
        for i in ids:
            w.attachments[i]['DocumentId'] = voucher_id
        v['Attachments'] = {'DocumentId': voucher_id, 'DocumentType': 3,
                            'AttachmentIds': sorted({*((v.get('Attachments') or {}).get('AttachmentIds') or []), *ids})}
        return None

    @staticmethod
    def public(v):
        return {k: v[k] for k in v if k != 'FiscalYearId'}

    def page(self, rows, query):
        try:
            page = int((query.get('$page') or ['1'])[0])
            size = min(int((query.get('$pagesize') or ['50'])[0]), 1000)
        except ValueError:
            return error(400, 4000, '$page and $pagesize must be numbers.')
        if page < 1 or size < 1:
            return error(400, 4000, '$page and $pagesize must be positive.')
        total = len(rows)
        return 200, {'Meta': {'CurrentPage': page, 'PageSize': size, 'TotalNumberOfPages': (total + size - 1) // size,
                              'TotalNumberOfResults': total,
                              'ServerTimeUtc': datetime.datetime.utcnow().isoformat(timespec='seconds') + 'Z'},
                     'Data': rows[(page - 1) * size:page * size]}

    @staticmethod
    def odata_filter(rows, text):
        """The OData subset the portal documents: Field eq 'text' | Field eq yyyy-mm-dd, joined by 'and'."""
        if not text:
            return rows, None
        conds = []
        for part in re.split(r'\s+and\s+', text.strip()):
            m = re.fullmatch(r"(\w+)\s+(eq|ge|le)\s+(?:'((?:[^']|'')*)'|(\d{4}-\d{2}-\d{2})(?:T[\d:]+Z?)?)", part.strip())
            if not m:
                return None, error(400, 4000, "The $filter '%s' is not valid." % text)
            conds.append((m.group(1), m.group(2), m.group(3).replace("''", "'") if m.group(3) is not None else m.group(4)))

        def keep(r):
            for field, op, val in conds:
                have = r.get(field)
                if have is None:
                    return False
                if field.endswith('Date') or field.endswith('Utc'):
                    have = str(have)[:10]
                have = str(have)
                if (op == 'eq' and have != val) or (op == 'ge' and have < val) or (op == 'le' and have > val):
                    return False
            return True
        return [r for r in rows if keep(r)], None

    def api(self, method, path, query, raw, scope):
        w = self.world
        lp = path.lower()
        if method == 'GET' and lp == '/fiscalyears':
            return self.page([dict(y) for y in sorted(w.years.values(), key=lambda y: y['StartDate'])], query)
        m = re.fullmatch(r'/fiscalyears/([0-9a-f-]{36})', lp)
        if method == 'GET' and m:
            y = w.year_by_id(m.group(1))
            return (200, y) if y else error(404, 4004, 'Fiscal year %s was not found.' % m.group(1))
        if method == 'GET' and lp == '/companysettings':
            if 'ea:sales' not in scope.split() and 'ea:sales_readonly' not in scope.split():
                return error(403, 4003, 'Insufficient scope: ea:sales is required.')
            return 200, {'Name': 'Kaffebaren Södermalm AB', 'CountryCode': 'SE', 'CorporateIdentityNumber': '556677-8899',
                         'CurrencyCode': 'SEK'}
        m = re.fullmatch(r'/accounts(?:/([0-9a-f-]{36}))?', lp)
        if method == 'GET' and m:
            year = w.year_by_id(m.group(1)) if m.group(1) else w.year_for(datetime.date.today()) or \
                max(w.years.values(), key=lambda y: y['StartDate'])
            if year is None:
                return error(404, 4004, 'Fiscal year %s was not found.' % m.group(1))
            rows = [{'Name': n, 'Number': no, 'FiscalYearId': year['Id'], 'IsActive': True, 'VatCodeId': None,
                     'IsBlockedForManualBooking': False} for no, n in sorted(w.accounts.items())]
            return self.page(rows, query)
        if method == 'GET' and lp == '/vatcodes':
            return self.page(w.vat_codes, query)
        if method == 'GET' and lp == '/costcenters':
            return self.page(w.cost_centers, query)
        if method == 'POST' and lp == '/vouchers':
            flags = {k: query[k][0] for k in ('useAutomaticVatCalculation', 'useDefaultVatCodes', 'useDefaultVoucherSeries')
                     if k in query}
            w.flags.append(flags)
            body, err = self.json_body(raw, 'VoucherApi')
            if err:
                return err
            d, err = self.check_voucher(body, False)
            if err:
                return err
            year, err = self.open_year(d)
            if err:
                return err
            series_given = flags.get('useDefaultVoucherSeries', 'true').lower() == 'false'
            if series_given and not body.get('NumberSeries'):
                return error(400, 4000, 'NumberSeries is required when useDefaultVoucherSeries is false.')
            v, err = self.book(body, d, year, series_given)
            if err:
                return err
            return 201, self.public(v)
        if method == 'GET' and lp == '/vouchers':
            return self.page([self.public(v) for v in w.vouchers], query)
        m = re.fullmatch(r'/vouchers/([0-9a-f-]{36})', lp)
        if method == 'GET' and m:
            if w.year_by_id(m.group(1)) is None:
                return error(404, 4004, 'Fiscal year %s was not found.' % m.group(1))
            rows = [self.public(v) for v in w.vouchers if v['FiscalYearId'] == m.group(1)]
            rows, err = self.odata_filter(rows, (query.get('$filter') or [''])[0])
            return err if err else self.page(rows, query)
        m = re.fullmatch(r'/vouchers/([0-9a-f-]{36})/([0-9a-f-]{36})', lp)
        if method == 'GET' and m:
            v = next((v for v in w.vouchers if v['Id'] == m.group(2) and v['FiscalYearId'] == m.group(1)), None)
            return (200, self.public(v)) if v else error(404, 4004, 'Voucher %s was not found.' % m.group(2))
        if method == 'POST' and lp == '/voucherdrafts':
            body, err = self.json_body(raw, 'VoucherDraftApi')
            if err:
                return err
            d, err = self.check_voucher(body, True)
            if err:
                return err
            dr = {'Id': str(uuid.uuid4()), 'VoucherDate': d.isoformat() + 'T00:00:00', 'VoucherText': body.get('VoucherText'),
                  'NumberSeries': body.get('NumberSeries'), 'Rows': self.rows_of(body),
                  'CreatedUtc': datetime.datetime.utcnow().isoformat(timespec='seconds') + 'Z', 'ConvertedTo': None,
                  'AmountIncludesVat': (query.get('amountIncludesVat') or [None])[0]}
            w.drafts.append(dr)
            return 201, {k: dr[k] for k in dr if k not in ('ConvertedTo', 'AmountIncludesVat')}
        if method == 'GET' and lp == '/voucherdrafts':
            return self.page([{k: d[k] for k in d if k not in ('ConvertedTo', 'AmountIncludesVat')}
                              for d in w.drafts if d['ConvertedTo'] is None], query)
        m = re.fullmatch(r'/voucherdrafts/([0-9a-f-]{36})(/convert)?', lp)
        if m:
            dr = next((d for d in w.drafts if d['Id'] == m.group(1)), None)
            if dr is None or dr['ConvertedTo'] is not None:
                return error(404, 4004, 'Voucher draft %s was not found.' % m.group(1))
            if method == 'GET' and not m.group(2):
                return 200, {k: dr[k] for k in dr if k not in ('ConvertedTo', 'AmountIncludesVat')}
            if method == 'POST' and m.group(2):
                d = day_of(dr['VoucherDate'])
                year, err = self.open_year(d)
                if err:
                    return err
                body = {'VoucherText': dr['VoucherText'] or '', 'Rows': dr['Rows'], 'NumberSeries': dr['NumberSeries']}
                v, err = self.book(body, d, year, bool(dr['NumberSeries']))
                if err:
                    return err
                v['FromDraft'] = dr['Id']
                dr['ConvertedTo'] = v['Id']
                return 201, self.public(v)
        if method == 'POST' and lp == '/attachments':
            body, err = self.json_body(raw, 'AttachmentUploadApi')
            if err:
                return err
            if body['ContentType'] not in ('image/jpeg', 'image/png', 'image/tiff', 'application/pdf'):
                return error(400, 4000, 'ContentType %s is not supported.' % body['ContentType'])
            try:
                data = base64.b64decode(body.get('Data') or '', validate=True)
            except Exception:  # noqa: BLE001
                return error(400, 4000, 'Data must be a Base64 encoded byte array.')
            if not data:
                return error(400, 4000, 'Data or Url is required.')
            if body['ContentType'] == 'application/pdf' and not data.startswith(b'%PDF-'):
                return error(400, 4000, 'The file is not a PDF.')
            i = str(uuid.uuid4())
            w.attachments[i] = {'Id': i, 'ContentType': body['ContentType'], 'FileName': body['FileName'],
                                'bytes': len(data), 'DocumentId': None}
            return 201, {'Id': i, 'ContentType': body['ContentType'], 'FileName': body['FileName'], 'DocumentId': None,
                         'AttachedDocumentType': 0, 'AttachmentStatus': 1, 'Type': 0}
        if method == 'POST' and lp == '/attachmentlinks':
            body, err = self.json_body(raw, 'AttachmentLinkApi')
            if err:
                return err
            if body['DocumentType'] != 3:
                return error(400, 4000, 'This emulator links attachments to vouchers (DocumentType 3) only.')
            err = self.link(body.get('DocumentId'), body['AttachmentIds'])
            if err:
                return err
            return 200, {'DocumentId': body['DocumentId'], 'DocumentType': 3, 'AttachmentIds': body['AttachmentIds']}
        return error(404, 4004, 'No route for %s /v2%s in this emulator.' % (method, path))

    def control(self, method, path, raw):
        w = self.world
        try:
            body = json.loads(raw or b'{}')
        except ValueError:
            return self.reply(400, {'error': 'not JSON'})
        with w.lock:
            if path == '/_emulator/ledger':
                return self.reply(200, {'vouchers': w.vouchers, 'drafts': w.drafts, 'attachments': w.attachments,
                                        'counts': w.counts, 'violations': w.violations, 'flags': w.flags,
                                        'fiscalyears': list(w.years.values())})
            if path == '/_emulator/code':
                return self.reply(200, {'code': self.new_code(body.get('redirect_uri', 'http://127.0.0.1/callback'),
                                                              body.get('scope', 'ea:api offline_access ea:accounting'))})
            if path == '/_emulator/fail':
                w.fail.append({'next': int(body.get('next', 1)), 'status': int(body.get('status', 500)),
                               'path': body.get('path', ''), 'body': body.get('body')})
                return self.reply(200, {'ok': True})
            if path == '/_emulator/lose_answer':
                w.lose.append({'next': int(body.get('next', 1)), 'path': body.get('path', '')})
                return self.reply(200, {'ok': True})
            if path == '/_emulator/expire_tokens':
                w.tokens.clear()
                return self.reply(200, {'ok': True})
            if path == '/_emulator/config':
                w.token_ttl = int(body.get('token_ttl', w.token_ttl))
                w.rotate_refresh = bool(body.get('rotate_refresh', w.rotate_refresh))
                w.rate_limit = int(body.get('rate_limit', w.rate_limit))
                w.api_module = bool(body.get('api_module', w.api_module))
                return self.reply(200, {'ok': True})
            if path == '/_emulator/fiscalyears':
                if 'lock' in body:
                    w.years[int(body['lock'])]['IsLockedForAccounting'] = True
                if 'unlock' in body:
                    w.years[int(body['unlock'])]['IsLockedForAccounting'] = False
                if 'add' in body:
                    w.add_year(int(body['add']))
                return self.reply(200, {'ok': True})
            if path == '/_emulator/accounts':
                for no in body.get('remove', []):
                    w.accounts.pop(str(no), None)
                for a in body.get('add', []):
                    w.accounts[str(a['Number'])] = a.get('Name', '')
                return self.reply(200, {'ok': True})
        return self.reply(404, {'error': 'unknown knob'})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--spec-dir', required=True)
    ap.add_argument('--port', type=int, default=0)
    ap.add_argument('--port-file')
    ap.add_argument('--client-id', default='dagbok-client-id')
    ap.add_argument('--client-secret', default='dagbok-client-secret')
    args = ap.parse_args()
    Handler.world = World(args, Contract(args.spec_dir))
    server = ThreadingHTTPServer(('127.0.0.1', args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + '.tmp'
        with open(tmp, 'w') as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)
    else:
        print(port, flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
