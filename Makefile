# 常用命令。Windows 上没有 make 时,照 README 中的“Windows”一节逐条执行即可。
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build strict check demo bundle bench clean

$(STAMP): requirements.txt requirements-test.txt package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	bash scripts/install_web_assets.sh
	$(BIN)/python scripts/_quiet_banner.py
	touch $(STAMP)

## serve: 安装依赖并在 http://127.0.0.1:8000 预览网站(草稿模式,有错误也能看)
serve: $(STAMP)
	@echo "预览地址 http://127.0.0.1:8000/ ;保存文件后页面自动刷新。停止预览:在本窗口按 Ctrl+C。"
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

## test: 安装依赖并运行全部测试
test: $(STAMP)
	bash scripts/setup_test_env.sh
	$(BIN)/python -m pytest -n auto -q tests

## build: 草稿构建到 site/
build: $(STAMP)
	$(BIN)/mkdocs build

## strict: 正式构建:任何错误、缺口、建议都会使构建失败
strict: $(STAMP)
	$(BIN)/mkdocs build --strict

## check: 快速检查(不生成网站)
check: $(STAMP)
	$(BIN)/python scripts/check.py

## demo: 生成 130 个指标的示例站点并在 http://127.0.0.1:8001 预览
demo: $(STAMP)
	$(BIN)/python scripts/make_demo.py build/demo
	@echo "预览地址 http://127.0.0.1:8001/ 。停止预览:在本窗口按 Ctrl+C。"
	$(BIN)/mkdocs serve -f build/demo/mkdocs.yml -a 127.0.0.1:8001

## bundle: 离线包(公开版)到 build/离线包.zip;评审专用版:make bundle AUDIENCE=assessor
AUDIENCE ?= public
bundle: $(STAMP)
	$(BIN)/python scripts/bundle.py --audience $(AUDIENCE) -o build/离线包-$(AUDIENCE).zip

## bench: 性能基准(与原版 Material 对比;130、1000、2000、5000 个指标),结果写入 BENCHMARKS.md。
## 完整运行约需一小时;只测部分规模:make bench BENCH_ARGS="--sizes 130,1000 --runs 3"
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site build .cache
