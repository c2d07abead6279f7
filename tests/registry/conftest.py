from tests.children.conftest import child_a, children_home  # noqa: F401
