{{ group_year_indicators('region', 'region') }}
