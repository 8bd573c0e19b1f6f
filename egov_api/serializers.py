"""Serializer helpers shared by the apps."""

from rest_framework import serializers
from rest_framework.fields import empty


class DictRowListSerializer(serializers.ListSerializer):
    """Writes rows that are dicts keyed by each field's source, as DRF would, faster.

    DRF looks every field of every row up through its generic attribute machinery; for flat
    rows (a statistics answer) that lookup costs more than the query. This resolves each
    field once per answer and then reads the key directly, applying the field's own
    `to_representation` and DRF's rules for a missing key: the field's default, else null
    when it allows null, else left out when not required.
    """

    def to_representation(self, data):
        plan = [
            (field.field_name, field.source, field, field.to_representation)
            for field in self.child._readable_fields
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
