"""Wire format of the catalogue: related objects appear by their codes."""

from rest_framework import serializers

from .models import Agency, Channel, Service


class AgencySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Agency.objects.all(),
        allow_null=True,
        required=False,
        help_text="Code of the agency this one belongs to, or null.",
    )

    class Meta:
        model = Agency
        fields = ["code", "name_en", "name_ar", "kind", "parent", "website", "is_active"]


class ChannelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Channel
        fields = ["code", "name_en", "name_ar", "is_electronic"]


class ServiceSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Agency.objects.all(),
        help_text="Code of the agency offering the service.",
    )
    channels = serializers.SlugRelatedField(
        slug_field="code",
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
