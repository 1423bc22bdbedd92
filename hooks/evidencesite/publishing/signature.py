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
        raise SignatureError("找不到 ssh-keygen(OpenSSH 自带的工具)。Windows 10 及以上在“设置 → 应用 → 可选功能”中添加"
                             "“OpenSSH 客户端”;Linux 安装 openssh-client。")
    return found


def sign(signed: Path, private_key: Path) -> Path:
    """Write `<signed>.sig` (atomically) with the private key; return its path."""
    if not private_key.is_file():
        raise SignatureError(f"找不到私钥文件 {private_key}。生成方法见 README“完整性校验”一节。")
    if private_key.read_bytes()[:100].split(b" ", 1)[0].decode("ascii", "replace") in PUBLIC_KEY_TYPES:
        raise SignatureError(f"{private_key} 是公钥(.pub),签名要用私钥:去掉文件名末尾的 .pub。")
    with signed.open("rb") as data:
        done = subprocess.run([ssh_keygen(), "-q", "-Y", "sign", "-f", str(private_key), "-n", NAMESPACE],
                              stdin=data, capture_output=True)
    if done.returncode != 0 or not done.stdout.startswith(b"-----BEGIN SSH SIGNATURE-----"):
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SignatureError(f"用私钥 {private_key} 签名失败({reason[-1] if reason else '没有输出'})。"
                             "确认这是 ssh-keygen 生成的私钥、口令输入正确。")
    target = signature_path(signed)
    write_atomic(target, done.stdout)
    return target


def read_public_key(public_key: Path) -> str:
    """The one key line of an OpenSSH public key file (id_ed25519.pub)."""
    try:
        text = public_key.read_text(encoding="utf-8-sig").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SignatureError(f"公钥文件 {public_key} 无法读取({exc.__class__.__name__})。") from None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if "PRIVATE KEY" in text:
        raise SignatureError(f"{public_key} 是私钥:核对时只用公钥(文件名以 .pub 结尾),私钥不要交给别人。")
    if len(lines) != 1 or lines[0].split(" ", 1)[0] not in PUBLIC_KEY_TYPES:
        raise SignatureError(f"{public_key} 不是 OpenSSH 公钥文件(应当是一行,以 ssh-ed25519 等开头)。")
    return lines[0].strip()


def check(signed: Path, public_key: Path) -> str | None:
    """None when `<signed>.sig` is a good signature of `signed` by the key; else what is wrong."""
    key = read_public_key(public_key)
    sig = signature_path(signed)
    if not sig.is_file() or sig.is_symlink():
        return f"没有签名文件 {sig.name}"
    with tempfile.TemporaryDirectory(prefix="evidence-sig-") as temp:
        allowed = Path(temp) / "allowed_signers"
        allowed.write_text(f'office namespaces="{NAMESPACE}" {key}\n', encoding="utf-8")
        with signed.open("rb") as data:
            done = subprocess.run([ssh_keygen(), "-Y", "verify", "-f", str(allowed), "-I", "office", "-n", NAMESPACE,
                                   "-s", str(sig)], stdin=data, capture_output=True)
    if done.returncode == 0:
        return None
    return f"签名文件 {sig.name} 与 {signed.name} 的内容或公钥 {public_key.name} 不符"
