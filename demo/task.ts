/** A task as the demo API sends it; shared by the API and the app (type only). */
export interface Task {
  id: number;
  title: string;
  description: string;
  completed: boolean;
  createdAt: string;
  updatedAt: string;
}
