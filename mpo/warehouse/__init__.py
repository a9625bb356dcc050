"""The warehouse: staged from the collection store, built by dbt, published only when audited."""
