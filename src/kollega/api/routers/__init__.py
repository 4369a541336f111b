"""The API's routers, one per domain; mounted in kollega.api.api."""
