"""Serializer helpers shared by the apps."""

from rest_framework import serializers
from rest_framework.fields import empty


def flat(field) -> bool:
    """True when DRF would read the field as one key of the row: a plain source, no nested
    serializer or method field, and DRF's own attribute lookup."""
    return (
        len(field.source_attrs) == 1
        and type(field).get_attribute is serializers.Field.get_attribute
        and not isinstance(field, serializers.BaseSerializer)
    )


class DictRowListSerializer(serializers.ListSerializer):
    """Writes rows that are dicts keyed by each field's source, as DRF would, faster.

    DRF looks every field of every row up through its generic attribute machinery; for flat
    rows (a statistics answer) that lookup costs more than the query. This resolves each
    field once per answer and then reads the key directly, applying the field's own
    `to_representation` and DRF's rules for a missing key: the field's default, else null
    when it allows null, else left out when not required. A serializer with any other kind
    of field is written by DRF itself.
    """

    def to_representation(self, data):
        fields = list(self.child._readable_fields)
        if not all(flat(field) for field in fields):
            return super().to_representation(data)
        plan = [
            (field.field_name, field.source, field, field.to_representation) for field in fields
        ]
        rows = []
        for row in data:
            item = {}
            for name, source, field, write in plan:
                try:
                    value = row[source]
                except KeyError:
                    if field.default is not empty:
                        value = field.get_default()
                    elif field.allow_null:
                        value = None
                    elif not field.required:
                        continue
                    else:
                        raise
                item[name] = None if value is None else write(value)
            rows.append(item)
        return rows
