"""Project hygiene: dependency lists agree, layout is complete, sample data is byte-identical."""
import hashlib
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(req: str) -> tuple[str, str]:
    m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", req)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_and_pyproject_declare_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = dict(_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"])
    conda = {}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text[text.index("dependencies:"):].splitlines():
        m = re.match(r"\s+-\s+(\S+)\s*$", line)
        if m and m.group(1) not in ("pip", "pip:") and not m.group(1).startswith("python="):
            name, spec = _name(m.group(1))
            conda[name] = spec
    assert conda == declared


def test_layout():
    for p in ("ecoanalysis", "notebooks", "data/reports", "figures", "tests", "benchmarks", "environment.yml",
              "pyproject.toml", "Makefile", "README.md", ".ci/run", "ecoanalysis/resources"):
        assert (ROOT / p).exists(), p
    assert "make test" in (ROOT / ".ci/run").read_text()
    assert re.search(r"^help:", (ROOT / "Makefile").read_text(), re.M)


def test_sample_reports_are_the_seeds_byte_for_byte():
    seeds = ROOT.parent / "shared" / "seeds"
    ours = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "data/reports").glob("*.txt"))
    assert len(ours) == 5
    if seeds.is_dir():  # present beside the repository in CI and on the developers' machines
        theirs = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds.glob("*.txt"))
        assert ours == theirs


def test_public_surface():
    """Every documented submodule is reachable as ea.<name>, dir(ea) lists it, and no exported
    function shares a submodule's name (ea.segment stays a module after the pipeline ran)."""
    import importlib
    import types

    import ecoanalysis as ea

    for name in ea.SUBMODULES:
        assert isinstance(getattr(ea, name), types.ModuleType), name
        assert name in dir(ea)
    importlib.import_module("ecoanalysis.pipeline")  # imports the stages as submodules
    for name in ea.__all__:
        obj = getattr(ea, name)
        if name in ea.SUBMODULES:
            assert isinstance(obj, types.ModuleType), name
        elif name != "__version__":
            assert callable(obj) and not isinstance(obj, types.ModuleType), name
    assert callable(ea.segment.segment) and callable(ea.evaluate.evaluate)


def test_no_module_level_mutable_state():
    """No module of the package keeps mutable state at module level (lists, dicts, sets assigned at
    top level and written later, or ``global`` statements): caches are lru_cache'd pure loaders."""
    import ast
    from pathlib import Path

    offenders = []
    for path in sorted(Path("ecoanalysis").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                offenders.append(f"{path}:{node.lineno} global {', '.join(node.names)}")
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(
                    getattr(node, "value", None), (ast.List, ast.Dict, ast.Set)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                value = node.value
                empty = not (getattr(value, "elts", None) or getattr(value, "keys", None))
                if empty:  # an empty container at top level only exists to be filled later
                    offenders.append(f"{path}:{node.lineno} {', '.join(names)}")
    assert not offenders, offenders


def test_import_layers_contract():
    """The layers in pyproject.toml ([tool.importlinter]): no import goes back up the flow, no
    cycle, and the per-document pipeline never loads corpus-level modules (nor scikit-learn)."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = Path(sys.executable).with_name("lint-imports")
    cmd = [str(exe)] if exe.exists() else [shutil.which("lint-imports") or "lint-imports"]
    out = subprocess.run(cmd + ["--no-cache"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "BROKEN" not in out.stdout and "KEPT" in out.stdout


def test_no_private_names_imported_across_modules():
    """A module uses another module's public names only (``from .x import _helper`` ties two
    modules by an implementation detail); a package's private module (plots/_style) is allowed."""
    import ast

    pkg = ROOT / "ecoanalysis"
    bad = []
    for path in sorted(pkg.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("ecoanalysis")):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        target = (node.module or "").split(".")[-1] if node.module else ""
                        if node.module is None and (pkg / path.parent.relative_to(pkg) / f"{alias.name}.py").exists():
                            continue  # `from . import _style`: the package's own private module
                        bad.append(f"{path.relative_to(ROOT)}: from {'.' * node.level}{node.module or ''} import {alias.name}"
                                   + (f" ({target})" if target else ""))
    assert bad == []


def test_no_test_asserts_on_wall_clock_time():
    """Speed is measured in benchmarks/ (ratios in one run), never asserted in a test: a loaded
    CI machine would fail it for no fault of the code."""
    clock = re.compile(r"perf_counter|time\.time\(|time\.monotonic|elapsed|\.seconds\b|_work\b")
    bad = [f"{p.relative_to(ROOT)}:{i}" for p in sorted((ROOT / "tests").rglob("*.py"))
           for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
           if line.lstrip().startswith("assert ") and clock.search(line)]
    assert bad == []
