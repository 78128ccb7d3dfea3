"""The application: the version 1 API under /v1."""

from fastapi import FastAPI

from .api import api_router as v1_router

app = FastAPI()
app.include_router(v1_router, prefix="/v1")
