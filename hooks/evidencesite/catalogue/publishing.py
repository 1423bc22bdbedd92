"""What publishing says: why a web page could not be fetched, integrity and signature
problems, why a file cannot go into the compiled PDF, and the reasons the vendored
scripts are needed.
"""

from __future__ import annotations

from evidencesite.catalogue import filler

TEXT: dict[str, str] = {
    # --- presentation/webassets.py ---
    "webassets.reason-iframe-worker": ",离线包打开后搜索会一直停在“正在初始化搜索引擎”",
    "webassets.reason-resize-observer": "(仅 2020 年以前的旧手机浏览器需要)",
    # --- publishing/webfetch.py ---
    "webfetch.status-400": "请求无效",
    "webfetch.status-401": "需要登录",
    "webfetch.status-403": "禁止访问",
    "webfetch.status-404": "页面不存在",
    "webfetch.status-410": "页面已删除",
    "webfetch.status-429": "访问过于频繁",
    "webfetch.status-500": "服务器内部错误",
    "webfetch.status-502": "网关错误",
    "webfetch.status-503": "服务暂不可用",
    "webfetch.status-504": "网关超时",
    "webfetch.redirect-301": "永久跳转",
    "webfetch.redirect-302": "临时跳转",
    "webfetch.redirect-other": "跳转",
    "webfetch.redirects-count": "经过 {part_count} 次跳转:",
    "webfetch.redirect-not-http": "跳转到了不是 http/https 的地址 {current}",
    "webfetch.too-many-redirects": "跳转超过 {max_redirects} 次(可能是循环跳转)",
    "webfetch.host-unknown": "找不到这个网站(域名无法解析,可能写错或已停用)",
    "webfetch.refused": "网站拒绝连接(服务器没有开放或已关闭)",
    "webfetch.certificate": "网站的安全证书有问题(https 证书过期或不匹配)",
    "webfetch.connection-reset": "连接被中断",
    "webfetch.network-error": "网络错误({error})",
    "webfetch.kind-pdf": " PDF 文件",
    "webfetch.kind-image": "一张图片",
    "webfetch.kind-media": "音视频文件",
    "webfetch.kind-office": " Word/Excel 文件",
    "webfetch.kind-download": "一个下载文件",
    "webfetch.kind-unknown": "未知类型",
    "webfetch.kind-other": "“{content_type}”类型的内容",
    # --- publishing/integrity.py ---
    "integrity.line-malformed": "第{number}行格式不对",
    "integrity.line-outside": "第{number}行的路径指向网站目录之外",
    "integrity.not-utf8": "不是 UTF-8 文本",
    "integrity.bundle-extra": "列出了网站校验清单中没有的文件",
    "integrity.bundle-sums-name": "(离线包的 SHA256SUMS)",
    "integrity.bundle-sum-differs": "记录的校验和与网站校验清单不同",
    "integrity.bundle-missing": "离线包的 SHA256SUMS 中没有这个文件",
    "integrity.changed-detail": "现在大小 {size} 字节,SHA-256 为 {actual}…,清单记录的是 {expected}…",
    "integrity.manifest-missing": "校验清单中没有证据清单",
    "integrity.manifest-malformed": "文件格式不对(files 应当是逐个文件的记录)",
    "integrity.manifest-sum-differs": "证据清单记录的校验和与校验清单不同",
    "integrity.manifest-size-differs": "证据清单记录的大小与文件不同",
    "integrity.not-in-manifest": "证据文件不在证据清单中",
    # --- publishing/signature.py ---
    "signature.ssh-keygen-missing": "找不到 ssh-keygen(OpenSSH 自带的工具)。Windows 10 及以上在“设置 → 应用 → 可选功能”中添加“OpenSSH 客户端”;"
                                    "Linux 安装 openssh-client。",
    "signature.private-key-missing": "找不到私钥文件 {private_key}。生成方法见 README“完整性校验”一节。",
    "signature.key-is-public": "{private_key} 是公钥(.pub),签名要用私钥:去掉文件名末尾的 .pub。",
    "signature.no-output": "没有输出",
    "signature.sign-failed": "用私钥 {private_key} 签名失败({reason})。确认这是 ssh-keygen 生成的私钥、口令输入正确。",
    "signature.public-key-unreadable": "公钥文件 {public_key} 无法读取({error})。",
    "signature.key-is-private": "{public_key} 是私钥:核对时只用公钥(文件名以 .pub 结尾),私钥不要交给别人。",
    "signature.not-a-public-key": "{public_key} 不是 OpenSSH 公钥文件(应当是一行,以 ssh-ed25519 等开头)。",
    "signature.signature-missing": "没有签名文件 {sig_name}",
    "signature.signature-mismatch": "签名文件 {sig_name} 与 {signed_name} 的内容或公钥 {public_key_name} 不符",
    # --- publishing/compilation.py ---
    "compilation.pdf-password": "有打开密码",
    "compilation.pdf-no-pages": "没有页面",
    "compilation.pdf-damaged": "文件已损坏或格式不对",
    "compilation.text-encoding": "文字编码无法识别",
    "compilation.no-suffix": "无扩展名",
    "compilation.cannot-include": "{suffix} 文件无法放进汇编",
    # --- publishing/declaration.py ---
    "declaration.evidence-item": "evidence 第{number}项",
    "declaration.no-suffix": "(无扩展名)",
    # --- publishing/labels.py ---
    "labels.font-unusable": "无法使用字体文件 {path}({exc})",
}


say = filler(TEXT)
