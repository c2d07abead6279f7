from tests.children.conftest import child_a, child_b, children_home  # noqa: F401
