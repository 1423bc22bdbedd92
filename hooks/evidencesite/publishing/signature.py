"""Signing a site's checksum list with the office's own SSH key, and checking the signature.

A checksum list can be rewritten together with the files it lists; a signature made
with a key only the office holds cannot. The format is OpenSSH's `SSHSIG`
(`ssh-keygen -Y sign`), made and checked by `ssh-keygen` itself (OpenSSH 8.1 or later,
part of Windows 10 and every Linux), so anyone can check a site without this project:

    ssh-keygen -Y verify -f allowed_signers -I office -n evidence-site -s SHA256SUMS.sig < SHA256SUMS

The namespace ties a signature to this use: a signature the same key made for git
commits or e-mail does not pass as a site's.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from evidencesite.files.atomicwrite import write_atomic
from evidencesite.catalogue.publishing import say

NAMESPACE = "evidence-site"
PUBLIC_KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                    "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com")


class SignatureError(Exception):
    """A key or tool problem that stops signing or checking; the text is for staff."""


def signature_path(signed: Path) -> Path:
    return signed.with_name(signed.name + ".sig")


def ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if not found:
        raise SignatureError(say("signature.ssh-keygen-missing"))
    return found


def sign(signed: Path, private_key: Path) -> Path:
    """Write `<signed>.sig` (atomically) with the private key; return its path."""
    if not private_key.is_file():
        raise SignatureError(say("signature.private-key-missing", private_key=private_key))
    if private_key.read_bytes()[:100].split(b" ", 1)[0].decode("ascii", "replace") in PUBLIC_KEY_TYPES:
        raise SignatureError(say("signature.key-is-public", private_key=private_key))
    with signed.open("rb") as data:
        done = subprocess.run([ssh_keygen(), "-q", "-Y", "sign", "-f", str(private_key), "-n", NAMESPACE],
                              stdin=data, capture_output=True)
    if done.returncode != 0 or not done.stdout.startswith(b"-----BEGIN SSH SIGNATURE-----"):
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SignatureError(say("signature.sign-failed", private_key=private_key,
                                 reason=reason[-1] if reason else say("signature.no-output")))
    target = signature_path(signed)
    write_atomic(target, done.stdout)
    return target


def read_public_key(public_key: Path) -> str:
    """The one key line of an OpenSSH public key file (id_ed25519.pub)."""
    try:
        text = public_key.read_text(encoding="utf-8-sig").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SignatureError(say("signature.public-key-unreadable", public_key=public_key,
                                 error=exc.__class__.__name__)) from None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if "PRIVATE KEY" in text:
        raise SignatureError(say("signature.key-is-private", public_key=public_key))
    if len(lines) != 1 or lines[0].split(" ", 1)[0] not in PUBLIC_KEY_TYPES:
        raise SignatureError(say("signature.not-a-public-key", public_key=public_key))
    return lines[0].strip()


def check(signed: Path, public_key: Path) -> str | None:
    """None when `<signed>.sig` is a good signature of `signed` by the key; else what is wrong."""
    key = read_public_key(public_key)
    sig = signature_path(signed)
    if not sig.is_file() or sig.is_symlink():
        return say("signature.signature-missing", sig_name=sig.name)
    with tempfile.TemporaryDirectory(prefix="evidence-sig-") as temp:
        allowed = Path(temp) / "allowed_signers"
        allowed.write_text(f'office namespaces="{NAMESPACE}" {key}\n', encoding="utf-8")
        with signed.open("rb") as data:
            done = subprocess.run([ssh_keygen(), "-Y", "verify", "-f", str(allowed), "-I", "office", "-n", NAMESPACE,
                                   "-s", str(sig)], stdin=data, capture_output=True)
    if done.returncode == 0:
        return None
    return say("signature.signature-mismatch", sig_name=sig.name, signed_name=signed.name,
               public_key_name=public_key.name)
