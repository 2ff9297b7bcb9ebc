from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "golden"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def _release_cache(request, tmp_path_factory):
    """Old provider releases (wheels downloaded by `migrate --to cdktf`, ~30 MB) and the name maps computed
    from them, kept in pytest's cache folder across sessions: the network is asked once, not per test."""
    cache = tmp_path_factory.getbasetemp() / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    if getattr(request.config, "cache", None) is None:  # `-p no:cacheprovider`: kept for this session only
        return cache / "releases"
    kept = request.config.cache.mkdir("cdktf-fixer-releases")
    if not (cache / "releases").exists():
        (cache / "releases").symlink_to(kept, target_is_directory=True)
    return kept


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch, _release_cache):
    """Tests never read or write the user's provider-index cache, nor leave a results cache in the repo."""
    monkeypatch.setenv("CDKTF_FIXER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    from fixer import pins, providers

    providers._LOADED.clear()  # each test sees the provider index loaded (and cached on disk) afresh
    providers._LOCATED.clear()
    providers._SITES.clear()
    providers._prebuilt_in.cache_clear()
    pins.clear_cache()
    # a run keeps each set of rule classes' hooks: a test that patches a rule class sees its patch
    from fixer import batched

    batched._hooks_of.cache_clear()
    yield


def pytest_collection_modifyitems(config, items):
    # golden trees contain their own tests/ folders: never collect them
    items[:] = [i for i in items if GOLDEN not in Path(str(i.fspath)).parents]
