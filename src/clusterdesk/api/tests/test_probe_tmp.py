import json, pytest
from clusterdesk.accounts.services import api_token_create
@pytest.mark.django_db
def test_probe(client, world):
    _t, key = api_token_create(user=world.users["city"])
    h = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    r = client.post("/api/parks/parks/", "{not json", content_type="application/json", **h)
    print(r.status_code, r.content.decode())
    r = client.post("/api/parks/parks/", "[1]", content_type="application/json", **h)
    print(r.status_code, r.content.decode())
    r = client.get("/api/projects/projects/", {"stage": "nope"}, **h)
    print(r.status_code, r.content.decode())
    r = client.get("/api/projects/projects/abc", **h)
    print(r.status_code, r.content[:200])
    r = client.get(f"/api/projects/projects/{world.a.project.pk}", **h)
    print(r.status_code, r.content.decode())
    r = client.post("/api/parks/parks/", json.dumps({"name": world.a.park.name, "level": "provincial", "park_type": "industrial", "region": "430102", "planned_area_mu": "12.345"}), content_type="application/json", **h)
    print(r.status_code, r.content.decode())
    s = client.get("/api/openapi.json").json()
    print(json.dumps(s["components"]["schemas"].get("ProjectIn"), ensure_ascii=False)[:1500])
    print(sorted(s["components"]["schemas"]))
