"""/api/v1/columns/ and /api/schema/: public, and the schema is valid OpenAPI 3."""

import json

import yaml
from openapi_spec_validator import validate


def test_columns_are_listed_with_their_parents(client, columns):
    rows = client.get("/api/v1/columns/", {"agency": "TESTA"}).json()
    by_slug = {row["slug"]: row for row in rows}
    assert by_slug["fdzdgk"]["parent"] == by_slug["xxgk"]["id"]
    assert by_slug["xxgk"]["parent"] is None and by_slug["xxgk"]["agency"] == "TESTA"


def test_hidden_columns_and_those_below_them_are_left_out(client, columns):
    columns["fdzdgk"].hidden = True
    columns["fdzdgk"].save()
    slugs = {row["slug"] for row in client.get("/api/v1/columns/").json()}
    assert "xxgk" in slugs and "fdzdgk" not in slugs and "shjz" not in slugs


def test_an_unknown_agency_is_a_400(client, columns):
    response = client.get("/api/v1/columns/", {"agency": "NOSUCH"})
    assert response.status_code == 400 and response.json()["agency"]


def test_the_schema_is_valid_openapi_3_in_yaml_and_json(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/records/", "/api/v1/records/{id}/", "/api/v1/columns/"} <= set(spec["paths"])
    as_json = client.get("/api/schema/", {"format": "json"})
    validate(json.loads(as_json.content))


def test_the_api_needs_no_login(client, db):
    for path in ["/api/v1/records/", "/api/v1/columns/", "/api/schema/"]:
        assert client.get(path).status_code == 200
