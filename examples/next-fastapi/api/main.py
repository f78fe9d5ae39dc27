"""`uvicorn main:app --port 8000` from this folder (Debian: /usr/bin/python3 -m uvicorn main:app)."""
from app import create_app
from settings import Settings

app = create_app(Settings.from_env())
