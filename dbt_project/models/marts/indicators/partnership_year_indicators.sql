{{ group_year_indicators('partnership', 'partnership_code') }}
