"""The MPO dashboards: a Streamlit app over the published warehouse (docs/brief.md, issue 6)."""
