"""The annual indicators of ../shared/spec/indicators.md, computed from dated records."""
