import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { cancelRegistration, register } from './registration.service.js';
import { RegisterInput, Registration } from './registration.type.js';

@Resolver(() => Registration)
export class RegistrationResolver {
  @Mutation(() => Registration, {
    description: 'Registers one of your municipalities; without free seats it goes on the waiting list.',
  })
  registerForEvent(
    @Arg('input', () => RegisterInput, { description: 'Event, municipality and participants.' }) input: RegisterInput,
    @Ctx() ctx: Context,
  ) {
    return register(ctx, input);
  }

  @Mutation(() => Registration, {
    description: 'Cancels a registration (the municipality or the organizer); the waiting list moves up.',
  })
  cancelRegistration(@Arg('id', () => ID, { description: 'The registration.' }) id: string, @Ctx() ctx: Context) {
    return cancelRegistration(ctx, id);
  }
}
