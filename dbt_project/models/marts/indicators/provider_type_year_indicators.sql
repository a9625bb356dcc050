{{ group_year_indicators('provider_type', 'provider_type') }}
