"""Entry point of the MPO dashboards: ``streamlit run dashboards/app.py`` (see ``launch.py``).

Which audience is served is decided on the server (``access.server_audience``); pages read data
only through ``dashboards.data``.
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(
    page_title="Mentoring Provision Observatory", page_icon=":material/diversity_3:", layout="wide"
)

PAGES = [
    st.Page("pages/funding.py", title="Funding picture", icon=":material/payments:", default=True),
    st.Page("pages/quality.py", title="Quality picture", icon=":material/verified:"),
    st.Page("pages/partnerships.py", title="Partnership comparison", icon=":material/hub:"),
    st.Page("pages/provider_profile.py", title="Provider profile", icon=":material/apartment:"),
    st.Page("pages/collection.py", title="Collection tracker", icon=":material/inbox:"),
    st.Page("pages/specialist_mentors.py", title="Specialist mentor finder", icon=":material/person_search:"),
]

with st.sidebar:
    st.markdown("### Mentoring Provision Observatory")
    st.caption(
        "Mentoring of teachers in Further Education: provision, quality and funding, "
        "from providers' Mentoring Provision Returns."
    )

st.navigation(PAGES).run()
