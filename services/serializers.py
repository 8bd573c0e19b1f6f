"""Wire format of the catalogue: related objects appear by their codes."""

import unicodedata

from rest_framework import serializers

from egov_api.formats import CODE_RE

from .models import Agency, Channel, Service

# Control characters and lone surrogates have no place in a name (and a lone surrogate cannot
# even be stored as UTF-8).
FORBIDDEN_CATEGORIES = {"Cc", "Cs"}


def plain_text(value: str) -> str:
    """Return `value`; raise ValidationError when it holds control characters."""
    if any(unicodedata.category(char) in FORBIDDEN_CATEGORIES for char in value):
        raise serializers.ValidationError("Control characters are not allowed.", code="invalid")
    return value


NAME_KWARGS = {"validators": [plain_text]}
# A code is taken exactly as sent: "ssc\n" is not "ssc".
CODE_KWARGS = {"trim_whitespace": False}


class CatalogueSerializer(serializers.ModelSerializer):
    """Checks the `code` whole (a slug field's own pattern lets a trailing newline through)."""

    def validate_code(self, value):
        """Return the code; refuse anything but letters, digits, `-` and `_`."""
        if not CODE_RE.fullmatch(value):
            raise serializers.ValidationError(
                "Enter a code of letters, digits, hyphens and underscores.", code="invalid"
            )
        return value


class CodeRelatedField(serializers.SlugRelatedField):
    """A related object written by its code; a malformed code is refused before any query."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not CODE_RE.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class AgencySerializer(CatalogueSerializer):
    parent = CodeRelatedField(
        queryset=Agency.objects.all(),
        allow_null=True,
        required=False,
        help_text="Code of the agency this one belongs to, or null.",
    )

    class Meta:
        model = Agency
        fields = ["code", "name_en", "name_ar", "kind", "parent", "website", "is_active"]
        extra_kwargs = {"code": CODE_KWARGS, "name_en": NAME_KWARGS, "name_ar": NAME_KWARGS}

    def validate_parent(self, parent):
        """Return the parent; refuse one that is the agency itself or one of its descendants."""
        ancestor, steps = parent, 0
        while ancestor is not None and self.instance is not None and steps < 100:
            if ancestor.pk == self.instance.pk:
                raise serializers.ValidationError("An agency cannot be its own ancestor.")
            ancestor, steps = ancestor.parent, steps + 1
        return parent


class ChannelSerializer(CatalogueSerializer):
    class Meta:
        model = Channel
        fields = ["code", "name_en", "name_ar", "is_electronic"]
        extra_kwargs = {"code": CODE_KWARGS, "name_en": NAME_KWARGS, "name_ar": NAME_KWARGS}


class ServiceSerializer(CatalogueSerializer):
    agency = CodeRelatedField(
        queryset=Agency.objects.all(),
        help_text="Code of the agency offering the service.",
    )
    channels = CodeRelatedField(
        many=True,
        queryset=Channel.objects.all(),
        required=False,
        help_text="Codes of the channels the service is offered on.",
    )

    class Meta:
        model = Service
        fields = [
            "code",
            "agency",
            "name_en",
            "name_ar",
            "sector",
            "channels",
            "electronic_since",
            "retired_on",
        ]
        extra_kwargs = {"code": CODE_KWARGS, "name_en": NAME_KWARGS, "name_ar": NAME_KWARGS}

    def validate(self, attrs):
        """Return the attributes; a service cannot be retired before it became electronic."""
        since = attrs.get("electronic_since", getattr(self.instance, "electronic_since", None))
        retired = attrs.get("retired_on", getattr(self.instance, "retired_on", None))
        if since and retired and retired <= since:
            raise serializers.ValidationError(
                {"retired_on": "A service cannot be retired before it became electronic."}
            )
        return attrs
