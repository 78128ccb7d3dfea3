export interface User {
  id: string;
  name: string;
}

export interface UserDb {
  findUser(id: string): Promise<User | undefined>;
}
