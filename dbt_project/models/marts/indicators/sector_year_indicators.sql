{{ group_year_indicators('sector') }}
