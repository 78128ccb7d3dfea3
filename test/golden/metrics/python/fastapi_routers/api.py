"""The version 1 API: every router of the service, under /api."""

from fastapi import APIRouter

from . import orders

api_router = APIRouter()
api_router.include_router(orders.router, prefix="/api")
