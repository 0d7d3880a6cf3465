#!/usr/bin/env python3
"""A second, independent implementation of the Zalo Bot API (standard library only), used by an end-to-end test.

It follows the documentation (https://bot.zaloplatforms.com/docs), not our TypeScript fake: POST /bot<TOKEN>/<method>
with a JSON body; every answer is HTTP 200 with {"ok": true, "result": ...} or {"ok": false, "error_code": N,
"description": "..."}; getUpdates hands out ONE update per call, or error_code 408 when the long poll ends empty;
sendMessage refuses texts over 2000 characters; setWebhook takes a secret_token of 8-256 characters that every
webhook delivery carries in the X-Bot-Api-Secret-Token header.

Test controls (not part of the Bot API): POST /_test/enqueue <update>, GET /_test/sent, GET /_test/webhook,
POST /_test/deliver {"update": ..., "secret": "registered" | null | "<other>"} -> {"status": <HTTP status>}.

Usage: python3 zalo_api_server.py TOKEN   (prints "LISTENING <port>" once it accepts connections)
"""
import json
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = sys.argv[1] if len(sys.argv) > 1 else "test-token"
MAX_POLL_S = 1.0

state_lock = threading.Condition()
updates = []
sent = []
actions = []
webhook = {"url": "", "secret": None}


def ok(result):
    return {"ok": True, "result": result}


def error(code, description):
    return {"ok": False, "error_code": code, "description": description}


def bot_method(name, body):
    if name == "getMe":
        return ok({"id": "py-bot-01", "account_name": "bot.pyvanban", "display_name": "Py Văn Bản", "can_join_groups": True})
    if name == "getUpdates":
        if webhook["url"]:
            return error(400, "Webhook is set; getUpdates is not available")
        try:
            wait = min(float(body.get("timeout", "30")), MAX_POLL_S)
        except (TypeError, ValueError):
            return error(400, "timeout must be a number of seconds")
        with state_lock:
            if not updates:
                state_lock.wait(wait)
            if updates:
                return ok(updates.pop(0))
        return error(408, "Request timeout")
    if name == "sendMessage":
        chat_id, text = body.get("chat_id"), body.get("text")
        if not isinstance(chat_id, str) or not chat_id:
            return error(400, "chat_id is required")
        if not isinstance(text, str) or not text:
            return error(400, "text is required")
        if len(text) > 2000:
            return error(400, "text is longer than 2000 characters")
        with state_lock:
            sent.append({"chat_id": chat_id, "text": text})
            return ok({"message_id": "py-%d" % len(sent)})
    if name == "sendChatAction":
        with state_lock:
            actions.append({"chat_id": body.get("chat_id"), "action": body.get("action")})
        return ok(True)
    if name == "setWebhook":
        url, secret = body.get("url"), body.get("secret_token")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return error(400, "url is invalid")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            return error(400, "secret_token must be 8-256 characters")
        webhook.update(url=url, secret=secret)
        return ok({"url": url})
    if name == "deleteWebhook":
        webhook.update(url="", secret=None)
        return ok({"url": ""})
    if name == "getWebhookInfo":
        return ok({"url": webhook["url"]})
    return None


def deliver(body):
    if not webhook["url"]:
        return {"status": 0, "error": "no webhook set"}
    secret = body.get("secret", "registered")
    headers = {"Content-Type": "application/json"}
    if secret == "registered":
        headers["X-Bot-Api-Secret-Token"] = webhook["secret"]
    elif secret is not None:
        headers["X-Bot-Api-Secret-Token"] = secret
    data = json.dumps(body["update"]).encode("utf-8")
    request = urllib.request.Request(webhook["url"], data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return {"status": response.status}
    except urllib.error.HTTPError as e:
        return {"status": e.code}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, payload):
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
        except (BrokenPipeError, ConnectionResetError):
            return
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        try:
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a long poll aborted at shutdown)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw.decode("utf-8")) if raw else {}

    def do_GET(self):
        if self.path == "/_test/sent":
            with state_lock:
                return self.reply(200, {"sent": list(sent), "actions": list(actions)})
        if self.path == "/_test/webhook":
            return self.reply(200, webhook)
        self.reply(404, error(404, "Not found"))

    def do_POST(self):
        try:
            body = self.body()
        except ValueError:
            return self.reply(200, error(400, "body is not JSON"))
        if self.path == "/_test/enqueue":
            with state_lock:
                updates.append(body)
                state_lock.notify_all()
            return self.reply(200, {"queued": len(updates)})
        if self.path == "/_test/deliver":
            return self.reply(200, deliver(body))
        parts = self.path.split("/")
        if len(parts) != 3 or not parts[1].startswith("bot"):
            return self.reply(404, error(404, "Not found: invalid path or API name"))
        if parts[1][3:] != TOKEN:
            return self.reply(200, error(401, "Unauthorized"))
        result = bot_method(parts[2], body)
        if result is None:
            return self.reply(200, error(404, "Not found: invalid path or API name"))
        self.reply(200, result)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("LISTENING %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
