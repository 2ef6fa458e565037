#!/usr/bin/python3
"""A real SMTP server on loopback for dagbok's integration tests.

Run with Debian's interpreter (/usr/bin/python3), which has python3-aiosmtpd:

    /usr/bin/python3 smtp_sink.py --dir DIR [--port N] [--auth USER:PASS] [--tls]

It listens on 127.0.0.1 (port 0 = any free port) and prints, one per line on
stdout:  "PORT <n>", with --tls "CERT <path to the self-signed certificate>",
then "READY".

Each accepted message is stored as DIR/messages/<nnnn>.eml (the bytes as
received, CRLF line ends, dot-stuffing undone) with DIR/messages/<nnnn>.json
beside it (envelope, and what Python's own email parser makes of it: subject,
sender, file names, attachment sizes). Files appear atomically, .json last.

Faults: before answering MAIL, RCPT or DATA the sink reads DIR/faults, lines of

    <stage> <count> <reply>        e.g.  rcpt 1 550 5.1.1 No such mailbox

(stage: mail, rcpt or data) and gives that reply instead of accepting, for
the next <count> times the stage is reached; the file is rewritten with the
count lowered. Every AUTH attempt is appended to DIR/auth-attempts (the login,
and whether the password matched; never the password itself), so a test can
prove a password never reached the server. --auth requires AUTH (PLAIN or LOGIN) with those credentials;
with --tls the server offers STARTTLS with a certificate for localhost and
127.0.0.1 made by openssl, and requires it before MAIL and AUTH.
"""

import argparse
import asyncio
import email
import email.policy
import hashlib
import json
import os
import signal
import ssl
import subprocess
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory):
        self.dir = directory
        self.messages = os.path.join(directory, "messages")
        os.makedirs(self.messages, exist_ok=True)
        self.count = len([n for n in os.listdir(self.messages) if n.endswith(".eml")])

    def fault(self, stage):
        path = os.path.join(self.dir, "faults")
        try:
            with open(path, encoding="utf-8") as f:
                lines = [l.rstrip("\n") for l in f if l.strip()]
        except FileNotFoundError:
            return None
        reply = None
        out = []
        for line in lines:
            parts = line.split(" ", 2)
            if reply is None and len(parts) == 3 and parts[0] == stage and int(parts[1]) > 0:
                reply = parts[2]
                left = int(parts[1]) - 1
                if left > 0:
                    out.append(f"{parts[0]} {left} {parts[2]}")
            else:
                out.append(line)
        if reply is not None:
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write("".join(l + "\n" for l in out))
            os.replace(tmp, path)
        return reply

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        reply = self.fault("mail")
        if reply:
            return reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.fault("rcpt")
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = self.fault("data")
        if reply:
            return reply
        self.count += 1
        name = f"{self.count:04d}"
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "size": len(raw),
        }
        try:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            summary["subject"] = str(msg["subject"])
            summary["from"] = str(msg["from"])
            summary["to"] = str(msg["to"])
            summary["message_id"] = str(msg["message-id"])
            summary["defects"] = [repr(d) for d in msg.defects]
            summary["attachments"] = []
            for part in msg.iter_attachments():
                data = part.get_payload(decode=True) or b""
                summary["attachments"].append({
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "charset": part.get_param("charset"),
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "defects": [repr(d) for d in part.defects],
                })
            body = msg.get_body(("plain",))
            summary["text"] = body.get_content() if body is not None else None
        except Exception as e:  # the summary is a convenience; the .eml is the record
            summary["parse_error"] = repr(e)
        base = os.path.join(self.messages, name)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(raw)
        os.replace(base + ".eml.tmp", base + ".eml")
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=1)
        os.replace(base + ".json.tmp", base + ".json")
        return f"250 2.0.0 Ok: queued as SINK{name}"


def make_certificate(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    if not os.path.exists(cert):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return cert, context


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--auth", help="USER:PASS that AUTH must present")
    parser.add_argument("--tls", action="store_true", help="offer and require STARTTLS")
    parser.add_argument("--quit-delay", type=float, default=0.0, help="seconds to wait before answering QUIT")
    args = parser.parse_args()

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sink = Sink(args.dir)

    cert, context = (None, None)
    if args.tls:
        cert, context = make_certificate(args.dir)

    authenticator = None
    if args.auth:
        user, _, password = args.auth.partition(":")

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login.decode() == user and auth_data.password.decode() == password)
            login = auth_data.login.decode(errors="replace") if isinstance(auth_data, LoginPassword) else "?"
            with open(os.path.join(args.dir, "auth-attempts"), "a", encoding="utf-8") as f:
                f.write(f"{mechanism} {login} {'match' if ok else 'mismatch'}\n")
            return AuthResult(success=ok, handled=False)

    class SlowQuitSMTP(SMTP):
        # --quit-delay: a server slow to answer QUIT, after it has accepted
        # the message: the window in which a client that records the delivery
        # only at the end of the conversation sends it twice after a crash.
        async def smtp_QUIT(self, arg):
            if args.quit_delay > 0:
                await asyncio.sleep(args.quit_delay)
            return await super().smtp_QUIT(arg)

    def factory():
        return SlowQuitSMTP(sink, hostname="sink.test", loop=loop, tls_context=context,
                    require_starttls=bool(args.tls), auth_required=bool(args.auth),
                    auth_require_tls=bool(args.tls), authenticator=authenticator)

    server = loop.run_until_complete(
        loop.create_server(factory, host="127.0.0.1", port=args.port, reuse_address=True))
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    if cert:
        print(f"CERT {cert}", flush=True)
    print("READY", flush=True)
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.add_signal_handler(signal.SIGINT, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
