from django_bootstrap5.renderers import FieldRenderer as BootstrapFieldRenderer


class FieldRenderer(BootstrapFieldRenderer):
    """Marks fields with errors (red, message beside the field); leaves valid fields
    unmarked instead of painting every filter and form field green."""

    def get_server_side_validation_classes(self):
        return "is-invalid" if self.field_errors else ""
