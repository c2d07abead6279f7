"""The demo region's records, app by app, in the order they build on each other:
children with their histories first, then their housing, their benefits and their
follow-up (visits, life plans, graduates, youth homes), and the papers of their
cases (documents). Each loader makes its records
through that app's services and prints one line (`load(actor=, seed=, stdout=)`)."""

from devdata.demo.benefits import load_demo_benefits
from devdata.demo.care import load_demo_care
from devdata.demo.children import load_demo_children
from devdata.demo.documents import load_demo_documents
from devdata.demo.housing import load_demo_housing

LOADERS = [
    load_demo_children,
    load_demo_housing,
    load_demo_benefits,
    load_demo_care,
    load_demo_documents,
]


def load_demo_records(*, actor, seed: int, stdout) -> None:
    for load in LOADERS:
        load(actor=actor, seed=seed, stdout=stdout)
