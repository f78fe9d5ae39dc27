"""Tasks in memory, per user: enough for an example (a real app keeps them in a database)."""
from datetime import datetime, timezone
from itertools import count
from typing import Dict, List, Optional

from pydantic import BaseModel, Field


class TaskCreate(BaseModel):
    title: str = Field(..., min_length=1, max_length=200)
    description: Optional[str] = Field(None, max_length=2000)


class TaskUpdate(BaseModel):
    title: Optional[str] = Field(None, min_length=1, max_length=200)
    description: Optional[str] = Field(None, max_length=2000)
    completed: Optional[bool] = None


class Task(BaseModel):
    id: int
    title: str
    description: Optional[str] = None
    completed: bool = False
    created_at: str


class TaskStore:
    def __init__(self) -> None:
        self._tasks: Dict[str, Dict[int, Task]] = {}
        self._ids = count(1)

    def list(self, user_id: str) -> List[Task]:
        return list(self._tasks.get(user_id, {}).values())

    def create(self, user_id: str, data: TaskCreate) -> Task:
        task = Task(id=next(self._ids), created_at=datetime.now(timezone.utc).isoformat(), **data.dict())
        self._tasks.setdefault(user_id, {})[task.id] = task
        return task

    def update(self, user_id: str, task_id: int, data: TaskUpdate) -> Optional[Task]:
        task = self._tasks.get(user_id, {}).get(task_id)
        if task is None:
            return None
        updated = task.copy(update=data.dict(exclude_unset=True, exclude_none=True))
        self._tasks[user_id][task_id] = updated
        return updated

    def delete(self, user_id: str, task_id: int) -> bool:
        return self._tasks.get(user_id, {}).pop(task_id, None) is not None
